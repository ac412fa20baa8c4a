// Package corpora opens the compressed treebanks and benchmarks kept in this
// folder, for training commands, evaluations and tests.
//
// Files are found relative to the module root (the directory holding
// go.mod), searched upward from the working directory, so the package works
// from any package's tests and from the repository root. It is not used by
// the kg binary at run time: shipped models are embedded by their packages.
package corpora

import (
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// Dir returns the absolute path of the corpora folder.
func Dir() (string, error) {
	wd, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for d := wd; ; d = filepath.Dir(d) {
		// The folder holding corpora/corpora.go, so nested modules
		// (bench/…) find it too.
		if _, err := os.Stat(filepath.Join(d, "corpora", "corpora.go")); err == nil {
			return filepath.Join(d, "corpora"), nil
		}
		if filepath.Dir(d) == d {
			return "", errors.New("corpora: no corpora/ folder above " + wd + " (corpus names like ud-english-ewt/… are looked up in the kg repository; run from inside it or give a file path)")
		}
	}
}

// Path returns the path of name (e.g. "ud-english-ewt/en_ewt-ud-dev.conllu")
// in the corpora folder, with ".gz" appended when only the compressed file
// exists.
func Path(name string) (string, error) {
	dir, err := Dir()
	if err != nil {
		return "", err
	}
	p := filepath.Join(dir, name)
	if _, err := os.Stat(p); err == nil {
		return p, nil
	}
	if _, err := os.Stat(p + ".gz"); err == nil {
		return p + ".gz", nil
	}
	return "", fmt.Errorf("corpora: %s not found in %s", name, dir)
}

// Open opens name from the corpora folder, decompressing it if needed.
// name may also be any file path, which is opened as is (and
// decompressed when it ends in ".gz").
func Open(name string) (io.ReadCloser, error) {
	p := name
	if _, err := os.Stat(name); err != nil {
		if p, err = Path(name); err != nil {
			return nil, err
		}
	}
	f, err := os.Open(p)
	if err != nil {
		return nil, err
	}
	if filepath.Ext(p) != ".gz" {
		return f, nil
	}
	zr, err := gzip.NewReader(f)
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("%s: %w", p, err)
	}
	return readCloser{zr, f}, nil
}

type readCloser struct {
	io.Reader
	f *os.File
}

func (r readCloser) Close() error { return r.f.Close() }
