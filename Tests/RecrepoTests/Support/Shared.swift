// The shared test support (TestRepository, TestClock, Plant) is visible in every file here.
@_exported import RecrepoTestSupport
