package main

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/spf13/cobra"

	"github.com/kg-project/kg/extract"
	"github.com/kg-project/kg/extract/article"
	"github.com/kg-project/kg/extract/fact"
	"github.com/kg-project/kg/graph/store"
)

// textExts are the file extensions a directory walk reads as articles.
var textExts = map[string]bool{".txt": true, ".text": true, ".md": true, "": true}

func newBuildCmd() *cobra.Command {
	var (
		sf      storeFlags
		workers int
		minConf float64
		quiet   bool
	)
	c := &cobra.Command{
		Use:   "build [flags] FILE|DIR|- ...",
		Short: "Extract facts from articles and store them as quads",
		Long: `build reads plain-text articles (a leading "date YYYY-MM-DD" is the
publication date; a short first line without final punctuation is the title),
extracts facts and writes them into the store. Directories are read
recursively (.txt, .text, .md and extension-less files); "-" reads one
article from standard input. Re-building an unchanged article writes nothing;
a changed one has its old facts replaced.`,
		Example: `  kg build testdata/000_3ec027d384569d0a.txt
  kg build --db news.db articles/
  cat article.txt | kg build -`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := extract.Ready(); err != nil {
				return err
			}
			inputs, err := listInputs(args)
			if err != nil {
				return err
			}
			st, err := openStore(sf, false)
			if err != nil {
				return err
			}
			defer st.Close()
			return runBuild(cmd.Context(), st, inputs, buildOptions{
				workers: workers, minConf: minConf, log: cmd.ErrOrStderr(), quiet: quiet,
			})
		},
	}
	sf.register(c)
	c.Flags().IntVar(&workers, "workers", runtime.NumCPU(), "extraction workers")
	c.Flags().Float64Var(&minConf, "min-confidence", 0, "drop facts scored below this (0..1)")
	c.Flags().BoolVarP(&quiet, "quiet", "q", false, "print only the summary and errors")
	return c
}

func openStore(sf storeFlags, readOnly bool) (*store.Store, error) {
	return store.Open(sf.options(readOnly))
}

func openReadOnly(sf storeFlags) (*store.Store, error) { return openStore(sf, true) }

// listInputs expands directories into their article files, sorted.
func listInputs(args []string) ([]string, error) {
	var out []string
	for _, a := range args {
		if a == "-" {
			out = append(out, a)
			continue
		}
		fi, err := os.Stat(a)
		if err != nil {
			return nil, err
		}
		if !fi.IsDir() {
			out = append(out, a)
			continue
		}
		var found []string
		err = filepath.WalkDir(a, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() && strings.HasPrefix(d.Name(), ".") && p != a {
				return filepath.SkipDir
			}
			if d.Type().IsRegular() && textExts[strings.ToLower(filepath.Ext(p))] && !strings.HasPrefix(d.Name(), ".") {
				found = append(found, p)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		sort.Strings(found)
		out = append(out, found...)
	}
	return out, nil
}

type buildOptions struct {
	workers int
	minConf float64
	log     io.Writer
	quiet   bool
}

type buildStats struct {
	docs, unchanged, failed, sentences, words, facts, added, removed int
}

// runBuild extracts on a pool of workers and writes from one goroutine,
// so the store sees one writer and memory stays bounded by the queues.
func runBuild(ctx context.Context, st *store.Store, inputs []string, o buildOptions) error {
	if ctx == nil {
		ctx = context.Background()
	}
	if o.workers < 1 {
		o.workers = 1
	}
	start := time.Now()
	type job struct{ name string }
	type result struct {
		name string
		doc  *fact.Document
		err  error
	}
	jobs := make(chan job)
	results := make(chan result, o.workers)
	var wg sync.WaitGroup
	for w := 0; w < o.workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				d, err := extractFile(j.name, o.minConf)
				results <- result{j.name, d, err}
			}
		}()
	}
	go func() {
		for _, in := range inputs {
			jobs <- job{in}
		}
		close(jobs)
		wg.Wait()
		close(results)
	}()
	var s buildStats
	for r := range results {
		if r.err != nil {
			s.failed++
			fmt.Fprintf(o.log, "kg: %v\n", r.err)
			continue
		}
		res, err := st.WriteDocument(ctx, r.doc)
		if err != nil {
			s.failed++
			fmt.Fprintf(o.log, "kg: %s: %v\n", r.name, err)
			continue
		}
		s.docs++
		s.sentences += len(r.doc.Doc.Sentences)
		for _, sn := range r.doc.Doc.Sentences {
			s.words += len(sn.Tokens)
		}
		s.facts += len(r.doc.Facts)
		s.added += res.Added
		s.removed += res.Removed
		if res.Unchanged {
			s.unchanged++
		}
		if !o.quiet && len(inputs) > 1 {
			fmt.Fprintf(o.log, "kg: %s: %d facts (+%d/-%d quads)\n", r.name, len(r.doc.Facts), res.Added, res.Removed)
		}
	}
	secs := time.Since(start).Seconds()
	total, _ := st.Count(ctx)
	fmt.Fprintf(o.log, "kg: %d documents (%d unchanged, %d failed), %d sentences, %d words, %d facts, quads +%d -%d (store: %d), %.2fs\n",
		s.docs, s.unchanged, s.failed, s.sentences, s.words, s.facts, s.added, s.removed, total, secs)
	if s.failed > 0 {
		return &exitError{1, fmt.Errorf("%d of %d inputs failed", s.failed, len(inputs))}
	}
	return nil
}

// extractFile reads and extracts one input; errors name the input.
func extractFile(name string, minConf float64) (*fact.Document, error) {
	data, err := readInput(name)
	if err != nil {
		return nil, err
	}
	a, err := article.Parse(name, "", data)
	if err != nil {
		return nil, err
	}
	return extract.Extract(a, extract.Options{MinConfidence: minConf}), nil
}

func readInput(name string) ([]byte, error) {
	var r io.Reader
	if name == "-" {
		r = os.Stdin
	} else {
		f, err := os.Open(name)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		r = f
	}
	data, err := io.ReadAll(io.LimitReader(r, article.MaxSize+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return data, nil
}
