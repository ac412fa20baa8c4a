// Package testenv lets tests that need an outside tool (a browser, a
// database server, an RDF parser) skip with a clear message when the tool
// is absent, and fail instead when KG_REQUIRE_TOOLS is set, as .ci/run
// sets it, so CI never passes by skipping.
package testenv

import (
	"os"
	"os/exec"
	"testing"
)

// Required reports whether missing tools must fail tests.
func Required() bool { return os.Getenv("KG_REQUIRE_TOOLS") != "" }

// Missing skips (or, when tools are required, fails) the test because
// what is not available.
func Missing(t testing.TB, what, how string) {
	t.Helper()
	if Required() {
		t.Fatalf("%s is not available (KG_REQUIRE_TOOLS is set): %s", what, how)
	}
	t.Skipf("skipping: %s is not available (%s)", what, how)
}

// LookPath returns the path of the named program, or skips/fails the test.
func LookPath(t testing.TB, prog, pkg string) string {
	t.Helper()
	p, err := exec.LookPath(prog)
	if err != nil {
		Missing(t, prog, "install the Debian package "+pkg+", or run .ci/run")
	}
	return p
}

// Postgres returns the connection URL of a test PostgreSQL server from
// KG_TEST_POSTGRES, or skips/fails the test.
func Postgres(t testing.TB) string {
	t.Helper()
	u := os.Getenv("KG_TEST_POSTGRES")
	if u == "" {
		Missing(t, "a PostgreSQL server", "set KG_TEST_POSTGRES=postgres://… or run .ci/run, which starts one")
	}
	return u
}
