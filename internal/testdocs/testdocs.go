// Package testdocs fills a store with the news articles of testdata/ (the
// sample article and the gold-facts articles), extracted as kg build
// would, for tests that need a small real graph. It is for tests only and
// must not be imported by kg's commands.
package testdocs

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/kg-project/kg/extract"
	"github.com/kg-project/kg/extract/article"
	"github.com/kg-project/kg/graph/store"
)

// Files lists the article files of testdata/.
func Files(t testing.TB) []string {
	t.Helper()
	_, here, _, _ := runtime.Caller(0)
	root := filepath.Join(filepath.Dir(here), "..", "..", "testdata")
	var files []string
	for _, pattern := range []string{"*.txt", "goldfacts/*.txt"} {
		m, _ := filepath.Glob(filepath.Join(root, pattern))
		files = append(files, m...)
	}
	if len(files) < 2 {
		t.Fatalf("want several articles in %s, found %v", root, files)
	}
	return files
}

// Write extracts every article of Files into st.
func Write(t testing.TB, st *store.Store) {
	t.Helper()
	for _, f := range Files(t) {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		a, err := article.Parse(f, "", data)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := st.WriteDocument(context.Background(), extract.Extract(a, extract.Options{})); err != nil {
			t.Fatal(err)
		}
	}
}
