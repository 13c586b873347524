// Runs after the three invocations of invoker.properties: tests on WireMock, rewrite:run, tests on
// LocalServer. Each check fails the e2e with a message saying what went wrong.

def fail = { String message -> throw new AssertionError(message) }

// Each run passed, and ran every test (a run of zero tests would pass too).
def expectedTests = 12
def checkReports = { String dir, String server ->
  def reports = new File(basedir, "target/$dir").listFiles()?.findAll { it.name ==~ /TEST-.*\.xml/ }
  if (!reports) fail("no surefire reports in target/$dir: the tests did not run on $server")
  int tests = 0
  reports.each { report ->
    def suite = new groovy.xml.XmlSlurper().parse(report)
    tests += suite.@tests.toInteger()
    int broken = suite.@failures.toInteger() + suite.@errors.toInteger() + suite.@skipped.toInteger()
    if (broken != 0) fail("${suite.@name} failed, errored or skipped $broken test(s) on $server")
  }
  if (tests != expectedTests) fail("$tests tests ran on $server, expected $expectedTests")
}
checkReports("wiremock-reports", "WireMock")
checkReports("surefire-reports", "LocalServer")

// The sources were rewritten: nothing of WireMock's JUnit support is left but WireMockRuntimeInfo.
new File(basedir, "src/test/java").eachFileRecurse(groovy.io.FileType.FILES) { source ->
  def text = source.text
  def left = text.readLines().findAll {
    it.contains("com.github.tomakehurst.wiremock.junit5.") && !it.contains(".WireMockRuntimeInfo;")
  }
  if (left) fail("${source.name} still uses WireMock's JUnit support: $left")
  if (!text.contains("io.github.localserver.")) fail("${source.name} was not migrated to LocalServer")
}

// The pom: LocalServer, and exactly one WireMock, at LocalServer's version.
def pom = new groovy.xml.XmlSlurper().parse(new File(basedir, "pom.xml"))
def deps = pom.dependencies.dependency.collect { "${it.groupId}:${it.artifactId}:${it.version}:${it.scope}".toString() }
["io.github.localserver:localserver-junit:${localServerVersion}:test".toString(),
 "org.wiremock:wiremock-standalone:${wireMockVersion}:test".toString()].each {
  if (!deps.contains(it)) fail("the migrated pom lacks $it: $deps")
}
if (deps.count { it.contains("wiremock") } != 1) fail("not exactly one WireMock in the migrated pom: $deps")
return true
