// Package testenv lets tests that need an outside tool (a browser, a
// database server, an RDF parser) skip with a clear message when the tool
// is absent, and fail instead when KG_REQUIRE_TOOLS is set, as .ci/run
// sets it, so CI never passes by skipping.
package testenv

import (
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"sync/atomic"
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

var dbSeq atomic.Int64

// PostgresDB creates an empty database on the test server (Postgres) for
// this test and returns its URL; the database is dropped when the test
// ends. The "postgres" database/sql driver must be registered: importing
// kg's graph/store does it.
func PostgresDB(t testing.TB) string {
	t.Helper()
	base := Postgres(t)
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("KG_TEST_POSTGRES: %v", err)
	}
	admin, err := sql.Open("postgres", base)
	if err != nil {
		t.Fatal(err)
	}
	name := strings.ToLower(regexp.MustCompile(`[^A-Za-z0-9]+`).ReplaceAllString(t.Name(), "_"))
	if len(name) > 30 {
		name = name[:30]
	}
	name = fmt.Sprintf("kgtest_%s_%d_%d", name, os.Getpid(), dbSeq.Add(1))
	if _, err := admin.Exec(`DROP DATABASE IF EXISTS ` + name); err != nil {
		t.Fatal(err)
	}
	if _, err := admin.Exec(`CREATE DATABASE ` + name); err != nil {
		admin.Close()
		t.Fatalf("create database %s: %v", name, err)
	}
	t.Cleanup(func() {
		defer admin.Close()
		if _, err := admin.Exec(`DROP DATABASE IF EXISTS ` + name + ` WITH (FORCE)`); err != nil {
			t.Errorf("drop database %s: %v", name, err)
		}
	})
	u.Path = "/" + name
	return u.String()
}

// DiffLines describes how two sorted lists of lines differ: their lengths
// and the first five lines that differ, each side under its name ("" when
// they are equal).
func DiffLines(a, b []string, aName, bName string) string {
	var out []string
	w := max(len(aName), len(bName))
	for i := 0; i < len(a) || i < len(b); i++ {
		var x, y string
		if i < len(a) {
			x = a[i]
		}
		if i < len(b) {
			y = b[i]
		}
		if x != y {
			out = append(out, fmt.Sprintf("line %d:\n  %-*s %s\n  %-*s %s", i, w, aName, x, w, bName, y))
			if len(out) == 5 {
				break
			}
		}
	}
	if len(out) == 0 {
		return ""
	}
	return fmt.Sprintf("%d and %d lines; %s", len(a), len(b), strings.Join(out, "\n"))
}
