package main

import (
	"bufio"
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
	"sync/atomic"
	"time"

	"github.com/spf13/cobra"

	"github.com/kg-project/kg/extract"
	"github.com/kg-project/kg/extract/article"
	"github.com/kg-project/kg/extract/fact"
	"github.com/kg-project/kg/graph/store"
)

// textExts are the file extensions a directory walk reads as articles.
var textExts = map[string]bool{".txt": true, ".text": true, ".md": true, "": true, ".jsonl": true, ".ndjson": true}

func isJSONL(name string) bool {
	e := strings.ToLower(filepath.Ext(name))
	return e == ".jsonl" || e == ".ndjson"
}

func newBuildCmd() *cobra.Command {
	var (
		sf       storeFlags
		workers  int
		minConf  float64
		quiet    bool
		include  []string
		exclude  []string
		progress time.Duration
	)
	c := &cobra.Command{
		Use:   "build [flags] FILE|DIR|- ...",
		Short: "Extract facts from articles and store them as quads",
		Long: `build reads articles, extracts facts and writes them into the store.

Plain-text articles: a leading "date YYYY-MM-DD" is the publication date; a
short first line without final punctuation is the title. JSON Lines files
(.jsonl, .ndjson) hold one article a line: {"id", "title", "date", "url",
"text"}. Directories are read recursively (.txt, .text, .md, .jsonl,
.ndjson and extension-less files; --include/--exclude filter by glob on the
file name); "-" reads one article from standard input.

Re-building an unchanged article writes nothing; a changed one has its old
facts replaced in the same transaction. A bad input is reported with its
name (and line) and skipped; the exit code is 1 if any input failed.`,
		Example: `  kg build testdata/000_3ec027d384569d0a.txt
  kg build --db news.db --exclude 'draft-*' articles/
  kg build dump.jsonl
  cat article.txt | kg build -`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := extract.Ready(); err != nil {
				return err
			}
			inputs, err := listInputs(args, include, exclude)
			if err != nil {
				return err
			}
			st, err := openStore(sf, false)
			if err != nil {
				return err
			}
			defer st.Close()
			return runBuild(cmd.Context(), st, inputs, buildOptions{
				workers: workers, minConf: minConf, log: cmd.ErrOrStderr(), quiet: quiet, progress: progress,
			})
		},
	}
	sf.register(c)
	c.Flags().IntVar(&workers, "workers", runtime.NumCPU(), "extraction workers")
	c.Flags().Float64Var(&minConf, "min-confidence", 0, "drop facts scored below this (0..1)")
	c.Flags().BoolVarP(&quiet, "quiet", "q", false, "print only the summary and errors")
	c.Flags().StringSliceVar(&include, "include", nil, "only read files whose name matches one of these globs (directories)")
	c.Flags().StringSliceVar(&exclude, "exclude", nil, "skip files whose name matches one of these globs (directories)")
	c.Flags().DurationVar(&progress, "progress", 2*time.Second, "interval of progress lines (0: none)")
	return c
}

func openStore(sf storeFlags, readOnly bool) (*store.Store, error) {
	return store.Open(sf.options(readOnly))
}

func openReadOnly(sf storeFlags) (*store.Store, error) { return openStore(sf, true) }

func matchAny(globs []string, name string) bool {
	for _, g := range globs {
		if ok, _ := filepath.Match(g, name); ok {
			return true
		}
	}
	return false
}

// listInputs expands directories into their article files, sorted.
func listInputs(args, include, exclude []string) ([]string, error) {
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
			name := d.Name()
			if d.IsDir() {
				if strings.HasPrefix(name, ".") && p != a {
					return filepath.SkipDir
				}
				return nil
			}
			if !d.Type().IsRegular() || strings.HasPrefix(name, ".") || !textExts[strings.ToLower(filepath.Ext(p))] {
				return nil
			}
			if len(include) > 0 && !matchAny(include, name) || matchAny(exclude, name) {
				return nil
			}
			found = append(found, p)
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
	workers  int
	minConf  float64
	log      io.Writer
	quiet    bool
	progress time.Duration
}

// extractResult is one document's extraction, or why it failed.
type extractResult struct {
	name string // file, or file:line for JSON Lines
	doc  *fact.Document
	err  error
}

// source is one document's raw input.
type source struct {
	name string
	art  *article.Article // set for JSON Lines records
	data []byte           // set for plain files
	err  error
}

// readSources sends every document of the inputs, in order. JSON Lines
// files yield one source a line; a broken line yields an error naming
// the file and line, and reading goes on.
func readSources(inputs []string, out chan<- source) {
	defer close(out)
	for _, name := range inputs {
		if !isJSONL(name) {
			data, err := readInput(name)
			out <- source{name: name, data: data, err: err}
			continue
		}
		f, err := os.Open(name)
		if err != nil {
			out <- source{name: name, err: err}
			continue
		}
		br := bufio.NewReaderSize(f, 1<<20)
		for line := 1; ; line++ {
			b, err := readLine(br, article.MaxSize)
			if err == io.EOF {
				break
			}
			where := fmt.Sprintf("%s:%d", name, line)
			if err != nil {
				out <- source{name: where, err: fmt.Errorf("%s: %w", where, err)}
				if err == errLineTooLong {
					continue
				}
				break
			}
			if strings.TrimSpace(string(b)) == "" {
				continue
			}
			a, err := article.FromJSON(where, b)
			out <- source{name: where, art: a, err: err}
		}
		f.Close()
	}
}

var errLineTooLong = fmt.Errorf("line longer than %d MiB", article.MaxSize>>20)

// readLine reads one line of at most max bytes; a longer line is skipped
// whole and reported.
func readLine(br *bufio.Reader, max int) ([]byte, error) {
	var buf []byte
	for {
		chunk, err := br.ReadSlice('\n')
		if len(buf)+len(chunk) > max {
			for err == bufio.ErrBufferFull {
				_, err = br.ReadSlice('\n')
			}
			return nil, errLineTooLong
		}
		buf = append(buf, chunk...)
		if err == bufio.ErrBufferFull {
			continue
		}
		if err == io.EOF && len(buf) > 0 {
			return buf, nil
		}
		return buf, err
	}
}

// extractAll reads inputs, extracts on workers and calls fn for every
// document from a single goroutine, so fn needs no locking. Queues are
// bounded, so memory does not grow with the corpus.
func extractAll(inputs []string, workers int, minConf float64, fn func(name string, r *extractResult) error) error {
	if workers < 1 {
		workers = 1
	}
	sources := make(chan source, workers)
	results := make(chan *extractResult, workers)
	go readSources(inputs, sources)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for s := range sources {
				results <- extractSource(s, minConf)
			}
		}()
	}
	go func() {
		wg.Wait()
		close(results)
	}()
	var firstErr error
	for r := range results {
		if firstErr != nil {
			continue // drain so the workers can finish
		}
		if err := fn(r.name, r); err != nil {
			firstErr = err
		}
	}
	return firstErr
}

func extractSource(s source, minConf float64) *extractResult {
	if s.err != nil {
		return &extractResult{name: s.name, err: s.err}
	}
	a := s.art
	if a == nil {
		var err error
		if a, err = article.Parse(s.name, "", s.data); err != nil {
			return &extractResult{name: s.name, err: err}
		}
	}
	return &extractResult{name: s.name, doc: extract.Extract(a, extract.Options{MinConfidence: minConf})}
}

type buildStats struct {
	docs, unchanged, failed, sentences, facts, added, removed int
	words                                                     atomic.Int64
}

// runBuild extracts and writes every input, printing progress and a
// one-line summary.
func runBuild(ctx context.Context, st *store.Store, inputs []string, o buildOptions) error {
	if ctx == nil {
		ctx = context.Background()
	}
	start := time.Now()
	var s buildStats
	var mu sync.Mutex
	stop := make(chan struct{})
	if o.progress > 0 && !o.quiet {
		go func() {
			t := time.NewTicker(o.progress)
			defer t.Stop()
			for {
				select {
				case <-stop:
					return
				case <-t.C:
					mu.Lock()
					el := time.Since(start).Seconds()
					fmt.Fprintf(o.log, "kg: … %d documents, %d facts, %.0f words/s, %s elapsed\n", s.docs, s.facts, float64(s.words.Load())/el, time.Since(start).Round(time.Second))
					mu.Unlock()
				}
			}
		}()
	}
	err := extractAll(inputs, o.workers, o.minConf, func(name string, r *extractResult) error {
		mu.Lock()
		defer mu.Unlock()
		if r.err != nil {
			s.failed++
			fmt.Fprintf(o.log, "kg: %v\n", r.err)
			return nil
		}
		res, err := st.WriteDocument(ctx, r.doc)
		if err != nil {
			s.failed++
			fmt.Fprintf(o.log, "kg: %s: %v\n", name, err)
			return nil
		}
		s.docs++
		s.sentences += len(r.doc.Doc.Sentences)
		for _, sn := range r.doc.Doc.Sentences {
			s.words.Add(int64(len(sn.Tokens)))
		}
		s.facts += len(r.doc.Facts)
		s.added += res.Added
		s.removed += res.Removed
		if res.Unchanged {
			s.unchanged++
		}
		return nil
	})
	close(stop)
	mu.Lock()
	defer mu.Unlock()
	secs := time.Since(start).Seconds()
	total, _ := st.Count(ctx)
	fmt.Fprintf(o.log, "kg: %d documents (%d unchanged, %d failed), %d sentences, %d words, %d facts, quads +%d -%d (store: %d), %.2fs\n",
		s.docs, s.unchanged, s.failed, s.sentences, s.words.Load(), s.facts, s.added, s.removed, total, secs)
	if err != nil {
		return err
	}
	if s.failed > 0 {
		return &exitError{1, fmt.Errorf("%d of %d documents failed", s.failed, s.failed+s.docs)}
	}
	return nil
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
		// Refuse a file that is too large before reading any of it.
		if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() && fi.Size() > article.MaxSize {
			return nil, &article.Error{Name: name, Problem: fmt.Sprintf("input is %d bytes, more than the %d MiB limit; split it into articles", fi.Size(), article.MaxSize>>20)}
		}
		r = f
	}
	data, err := io.ReadAll(io.LimitReader(r, article.MaxSize+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return data, nil
}
