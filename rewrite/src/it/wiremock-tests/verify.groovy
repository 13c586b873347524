// Runs after the three invocations of invoker.properties: tests on WireMock, rewrite:run, tests on
// LocalServer. Each check fails the e2e with a message saying what went wrong.

def fail = { String message -> throw new AssertionError(message) }

// Each run passed, and ran every test (a run of zero tests would pass too).
def expectedTests = 13
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

// The sources were rewritten: nothing of WireMock's JUnit support is left but WireMockRuntimeInfo,
// except in the one file the recipe must leave on WireMock, untouched.
def leftAlone = "LeftOnWireMockTest.java"
def original = new File(itSources, "wiremock-tests/src/test/java/com/example/greetings/" + leftAlone)
def kept = new File(basedir, "src/test/java/com/example/greetings/" + leftAlone)
if (kept.text != original.text) fail("$leftAlone was changed, but must stay on WireMock")
new File(basedir, "src/test/java").eachFileRecurse(groovy.io.FileType.FILES) { source ->
  if (source.name == leftAlone) return
  def text = source.text
  def left = text.readLines().findAll {
    it.contains("com.github.tomakehurst.wiremock.junit5.") && !it.contains(".WireMockRuntimeInfo;")
  }
  if (left) fail("${source.name} still uses WireMock's JUnit support: $left")
  if (!text.contains("io.github.localserver.")) fail("${source.name} was not migrated to LocalServer")
}

// ... and the recipe said so, in its data table.
def tables = []
new File(basedir, "target/rewrite").eachFileRecurse(groovy.io.FileType.FILES) {
  if (it.name.contains("FilesLeftOnWireMock")) tables << it
}
if (tables.size() != 1 || !tables[0].text.contains(leftAlone)) {
  fail("the FilesLeftOnWireMock data table does not list $leftAlone: ${tables*.text}")
}

// The pom: LocalServer, and exactly one WireMock, at LocalServer's version.
def pom = new groovy.xml.XmlSlurper().parse(new File(basedir, "pom.xml"))
def deps = pom.dependencies.dependency.collect { "${it.groupId}:${it.artifactId}:${it.version}:${it.scope}".toString() }
["io.github.localserver:localserver-junit:${localServerVersion}:test".toString(),
 "org.wiremock:wiremock-standalone:${wireMockVersion}:test".toString()].each {
  if (!deps.contains(it)) fail("the migrated pom lacks $it: $deps")
}
if (deps.count { it.contains("wiremock") } != 1) fail("not exactly one WireMock in the migrated pom: $deps")
// Last, so that a run stopped by a missing LocalServer feature still shows the checks above pass.
checkReports("wiremock-reports", "WireMock")
checkReports("surefire-reports", "LocalServer")
return true
