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
	"runtime/debug"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/cayleygraph/quad"
	"github.com/spf13/cobra"

	"github.com/kg-project/kg/extract"
	"github.com/kg-project/kg/extract/article"
	"github.com/kg-project/kg/extract/fact"
	"github.com/kg-project/kg/graph"
	"github.com/kg-project/kg/graph/store"
)

// textExts are the file extensions a directory walk reads as articles.
var textExts = map[string]bool{".txt": true, ".text": true, ".md": true, "": true, ".jsonl": true, ".ndjson": true, ".html": true, ".htm": true}

func isJSONL(name string) bool {
	e := strings.ToLower(filepath.Ext(name))
	return e == ".jsonl" || e == ".ndjson"
}

func newBuildCmd() *cobra.Command {
	var (
		sf       storeFlags
		workers  int
		batch    int
		force    bool
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
"text"}. HTML pages are reduced to their main text (readability).
Directories are read recursively (.txt, .text, .md, .html, .htm, .jsonl,
.ndjson and extension-less files; --include/--exclude filter by glob on the
file name); "-" reads one article from standard input.

Extraction runs on --workers goroutines while one writer stores --batch
documents a transaction. An article stored already from the same text by
the same kg build (and --min-confidence) is skipped without extracting it
(--force extracts it again); a changed one has its old facts replaced in the
same transaction that adds the new ones (on bolt and leveldb sometimes in
the transaction before; see the README). Interrupting (Ctrl-C) stops reading;
what was read is still stored. A bad input is reported with its
name (and line) and skipped; the exit code is 1 if any input failed.`,
		Example: `  kg build testdata/000_3ec027d384569d0a.txt
  kg build --db news.db --exclude 'draft-*' articles/
  kg build dump.jsonl
  cat article.txt | kg build -`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			defaultMemoryLimit()
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
				workers: workers, batch: batch, force: force, minConf: minConf,
				log: cmd.ErrOrStderr(), quiet: quiet, progress: progress, terminal: isTerminal(cmd.ErrOrStderr()),
			})
		},
	}
	sf.register(c)
	c.Flags().IntVar(&workers, "workers", runtime.NumCPU(), "extraction workers")
	c.Flags().IntVar(&batch, "batch", 128, "documents per write transaction (at most 50,000 quads)")
	c.Flags().BoolVar(&force, "force", false, "extract every document again, even if stored from the same text by this same kg")
	c.Flags().Float64Var(&minConf, "min-confidence", 0, "drop facts scored below this (0..1)")
	c.Flags().BoolVarP(&quiet, "quiet", "q", false, "print only the summary and errors")
	c.Flags().StringSliceVar(&include, "include", nil, "only read files whose name matches one of these globs (directories)")
	c.Flags().StringSliceVar(&exclude, "exclude", nil, "skip files whose name matches one of these globs (directories)")
	c.Flags().DurationVar(&progress, "progress", 2*time.Second, "interval of progress lines (0: none)")
	return c
}

// buildMemoryLimit is the Go heap's soft limit for corpus commands when
// GOMEMLIMIT does not set one. A build's live heap is about 200 MB (models
// and the batches in flight) and does not grow with the corpus; without a
// limit the heap grew to three times that between collections.
const buildMemoryLimit = 512 << 20

// buildGCPercent is GOGC for corpus commands when GOGC does not set it.
// Under the memory limit, the limit rather than GOGC decides when to
// collect, and collecting less often spares the writer, the build's
// bottleneck: loading 1.5M quads took 17% less CPU and 8% less time than
// with GOGC=100, for 100–150 MB more resident memory.
const buildGCPercent = 400

func defaultMemoryLimit() {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(buildMemoryLimit)
		if os.Getenv("GOGC") == "" {
			debug.SetGCPercent(buildGCPercent)
		}
	}
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
	batch    int // documents per transaction
	minConf  float64
	force    bool // extract even documents stored from the same text by the same extractor
	log      io.Writer
	quiet    bool
	progress time.Duration
	terminal bool // log is a terminal: draw one updating status line
}

// extractResult is one document's extraction, or why it failed.
type extractResult struct {
	name    string // file, or file:line for JSON Lines
	doc     *fact.Document
	quads   []quad.Quad // doc as quads, made on the worker
	skipped bool        // stored already from the same text by the same extractor
	err     error
	seq     int // position of the document in the input
}

// source is one document's raw input.
type source struct {
	name string
	art  *article.Article // set for JSON Lines records
	data []byte           // set for plain files
	size int64            // bytes of input it stands for (progress)
	err  error
	seq  int // its position among the documents read
}

// readSources sends every document of the inputs, in order, until ctx is
// done. JSON Lines files yield one source a line; a broken line yields an
// error naming the file and line, and reading goes on.
func readSources(ctx context.Context, inputs []string, out chan<- source) {
	defer close(out)
	seq := 0
	send := func(s source) bool {
		s.seq = seq
		select {
		case out <- s:
			seq++
			return true
		case <-ctx.Done():
			return false
		}
	}
	for _, name := range inputs {
		if !isJSONL(name) {
			data, err := readInput(name)
			if !send(source{name: name, data: data, size: int64(len(data)), err: err}) {
				return
			}
			continue
		}
		f, err := os.Open(name)
		if err != nil {
			if !send(source{name: name, err: err}) {
				return
			}
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
				ok := send(source{name: where, err: fmt.Errorf("%s: %w", where, err)})
				if ok && err == errLineTooLong {
					continue
				}
				break
			}
			if strings.TrimSpace(string(b)) == "" {
				continue
			}
			a, err := article.FromJSON(where, b)
			if !send(source{name: where, art: a, size: int64(len(b)), err: err}) {
				break
			}
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

// extractOptions configure extractAll.
type extractOptions struct {
	workers int
	extract extract.Options
	// skip, when set, is asked about every parsed article before it is
	// extracted, with the fingerprint the extraction would record; true
	// sends a result with skipped set instead. It is called from several
	// goroutines at once.
	skip func(a *article.Article, fingerprint string) (bool, error)
	// read, when set, is told the input size of every document read.
	read func(bytes int64)
	// cpu, when set, holds a token for every goroutine doing CPU-bound
	// work: a worker takes one for each extraction. Others (the build's
	// writer) may take tokens too, so that the workers leave them a core.
	cpu chan struct{}
}

// extractAll reads inputs, extracts on workers and calls fn for every
// document from a single goroutine, so fn needs no locking. Queues are
// bounded, so memory does not grow with the corpus. When ctx is done,
// reading stops and the documents already read are still passed to fn.
func extractAll(ctx context.Context, inputs []string, o extractOptions, fn func(r *extractResult) error) error {
	if o.workers < 1 {
		o.workers = 1
	}
	fingerprint := extract.Fingerprint(o.extract)
	// Documents reach fn in input order, whichever worker finishes first,
	// so that kg extract's output and the build's transactions are the
	// same on every run. A document is let in only while fewer than
	// window documents are read and not yet passed on: a slow one holds
	// the others back that far, and memory stays bounded.
	window := make(chan struct{}, 6*o.workers)
	read := make(chan source)
	sources := make(chan source, o.workers)
	results := make(chan *extractResult, 4*o.workers)
	go readSources(ctx, inputs, read)
	go func() {
		defer close(sources)
		for s := range read {
			window <- struct{}{} // fn's loop below frees a place for every document
			sources <- s
		}
	}()
	var wg sync.WaitGroup
	for w := 0; w < o.workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for s := range sources {
				if o.read != nil {
					o.read(s.size)
				}
				if o.cpu != nil {
					o.cpu <- struct{}{}
				}
				r := extractSource(s, o, fingerprint)
				if o.cpu != nil {
					<-o.cpu
				}
				r.seq = s.seq
				results <- r
			}
		}()
	}
	go func() {
		wg.Wait()
		close(results)
	}()
	var firstErr error
	pending := map[int]*extractResult{}
	next := 0
	for r := range results {
		pending[r.seq] = r
		for {
			r, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			next++
			if firstErr == nil { // after an error, drain so the workers can finish
				if err := fn(r); err != nil {
					firstErr = err
				}
			}
			<-window
		}
	}
	return firstErr
}

func extractSource(s source, o extractOptions, fingerprint string) *extractResult {
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
	if o.skip != nil {
		skip, err := o.skip(a, fingerprint)
		if err != nil {
			return &extractResult{name: s.name, err: fmt.Errorf("%s: %w", s.name, err)}
		}
		if skip {
			return &extractResult{name: s.name, skipped: true, doc: &fact.Document{ID: a.ID, Hash: a.Hash}}
		}
	}
	d := extract.Extract(a, o.extract)
	d.Extractor = fingerprint
	return &extractResult{name: s.name, doc: d, quads: graph.Quads(d)}
}

// buildStats are the counters of a build; the writer updates them and the
// progress display reads them, under mu.
type buildStats struct {
	mu                                                                        sync.Mutex
	docs, unchanged, skipped, failed, sentences, words, facts, added, removed int
	read, total                                                               int64 // input bytes read, and in all (0: unknown)
}

// pendingDoc is an extracted document waiting to be written.
type pendingDoc struct {
	name  string
	doc   *fact.Document
	quads []quad.Quad
}

// maxBatchQuads bounds the quads of one transaction whatever --batch
// says, so that a batch of long articles stays small in memory.
const maxBatchQuads = 50000

// runBuild extracts and writes every input, printing progress and a
// one-line summary. Extraction runs on o.workers goroutines; one writer
// goroutine writes batches of o.batch documents, one transaction each,
// while the next batch is extracted. A document whose text and extractor
// are those stored is not extracted again (unless o.force).
func runBuild(ctx context.Context, st *store.Store, inputs []string, o buildOptions) error {
	if ctx == nil {
		ctx = context.Background()
	}
	if o.batch < 1 {
		o.batch = 1
	}
	start := time.Now()
	s := &buildStats{total: inputSize(inputs)}
	stopProgress := startProgress(s, start, o)

	// Writes use their own context: an interrupt stops reading, but the
	// documents already extracted are still written.
	wctx := context.WithoutCancel(ctx)
	// Keep the store's memory map from filling the resident set as the
	// store grows (see store.ReleaseMapped).
	defer st.ReleaseMappedEvery(releaseAbove, releaseEvery, func(err error) { o.logLine("kg: %v", err) })()
	// Room for a few batches, so that extraction goes on while the
	// writer waits for a commit to reach the disk.
	batches := make(chan []pendingDoc, 4)
	// A preparer diffs each batch against the store while the writer
	// applies the one before (the writer is the build's bottleneck).
	prepared := make(chan *preparedBatch, 1)
	go prepareBatches(wctx, st, batches, prepared)
	// The writer is the build's bottleneck once the store is large, and
	// Go's scheduler would share the cores equally among it and the
	// workers: while it writes, it holds one of the workers' CPU tokens,
	// so that one worker pauses after its document and the writer has a
	// core of its own.
	cpu := make(chan struct{}, max(o.workers, runtime.GOMAXPROCS(0)))
	writerDone := make(chan struct{})
	go func() {
		defer close(writerDone)
		for pb := range prepared {
			cpu <- struct{}{}
			writePrepared(wctx, st, pb, s, o.log)
			<-cpu
			close(pb.done)
		}
	}()

	eo := extractOptions{
		workers: o.workers,
		cpu:     cpu,
		extract: extract.Options{MinConfidence: o.minConf},
		read: func(n int64) {
			s.mu.Lock()
			s.read += n
			s.mu.Unlock()
		},
	}
	if !o.force && st.Backend != "memstore" {
		// memstore is always new and cannot be read while it is written.
		eo.skip = func(a *article.Article, fingerprint string) (bool, error) {
			return st.Extracted(wctx, a.ID, a.Hash, fingerprint)
		}
	}
	var batch []pendingDoc
	nq := 0
	flush := func() {
		if len(batch) > 0 {
			batches <- batch
			batch, nq = nil, 0
		}
	}
	err := extractAll(ctx, inputs, eo, func(r *extractResult) error {
		switch {
		case r.err != nil:
			s.mu.Lock()
			s.failed++
			s.mu.Unlock()
			o.logLine("kg: %v", r.err)
		case r.skipped:
			s.mu.Lock()
			s.skipped++
			s.mu.Unlock()
		default:
			qs := r.quads
			batch = append(batch, pendingDoc{name: r.name, doc: r.doc, quads: qs})
			nq += len(qs)
			if len(batch) >= o.batch || nq >= maxBatchQuads {
				flush()
			}
		}
		return nil
	})
	flush()
	close(batches)
	<-writerDone
	stopProgress()

	s.mu.Lock()
	defer s.mu.Unlock()
	secs := time.Since(start).Seconds()
	total, _ := st.Count(wctx)
	fmt.Fprintf(o.log, "kg: %d documents (%d skipped as unchanged, %d unchanged after extraction, %d failed), %d sentences, %d words, %d facts, quads +%d -%d (store: %d), %.2fs, %.0f words/s\n",
		s.docs+s.skipped, s.skipped, s.unchanged, s.failed, s.sentences, s.words, s.facts, s.added, s.removed, total, secs, float64(s.words)/secs)
	if err != nil {
		return err
	}
	if ctx.Err() != nil {
		return &exitError{130, fmt.Errorf("interrupted; documents read so far are stored")}
	}
	if s.failed > 0 {
		return &exitError{1, fmt.Errorf("%d of %d documents failed", s.failed, s.failed+s.docs+s.skipped)}
	}
	return nil
}

// Build and load drop the store's mapped pages (store.ReleaseMapped) when
// the file-backed resident set exceeds releaseAbove, checked every
// releaseEvery: a write to a store of millions of quads can touch 400 MB
// of it within a second.
const (
	releaseAbove = 192 << 20
	releaseEvery = 50 * time.Millisecond
)

// preparedBatch is a batch diffed against the store (batch nil if the
// diff failed, with err); done is closed once it is written.
type preparedBatch struct {
	docs  []pendingDoc
	batch *store.Batch
	err   error
	done  chan struct{}
}

// prepareBatches diffs every batch of in against the store and passes it
// on. A batch that shares a document with one not yet written waits for
// that one first, so that its diff reads the store as written. A batch
// that names a document twice is not prepared (writePrepared writes it
// with WriteBatch).
func prepareBatches(ctx context.Context, st *store.Store, in <-chan []pendingDoc, out chan<- *preparedBatch) {
	defer close(out)
	type pending struct {
		ids  map[string]bool
		done chan struct{}
	}
	var unwritten []pending
	for b := range in {
		ids := make(map[string]bool, len(b))
		repeats := false
		for _, p := range b {
			repeats = repeats || ids[p.doc.ID]
			ids[p.doc.ID] = true
		}
		live := unwritten[:0]
		for _, u := range unwritten {
			select {
			case <-u.done:
				continue // written
			default:
			}
			for id := range ids {
				if u.ids[id] {
					<-u.done
					break
				}
			}
			live = append(live, u)
		}
		unwritten = live
		pb := &preparedBatch{docs: b, done: make(chan struct{})}
		if !repeats {
			pb.batch, pb.err = st.PrepareBatch(ctx, batchDocQuads(b))
		}
		unwritten = append(unwritten, pending{ids: ids, done: pb.done})
		out <- pb
	}
}

func batchDocQuads(b []pendingDoc) []store.DocQuads {
	dq := make([]store.DocQuads, len(b))
	for i, p := range b {
		dq[i] = store.DocQuads{ID: p.doc.ID, Quads: p.quads}
	}
	return dq
}

// writePrepared writes pb in one transaction. If that fails (or its diff
// did), each document is written alone, so that one bad document does not
// cost the others and the error names it.
func writePrepared(ctx context.Context, st *store.Store, pb *preparedBatch, s *buildStats, log io.Writer) {
	b := pb.docs
	var res []store.Result
	err := pb.err
	switch {
	case err != nil:
	case pb.batch != nil:
		res, err = st.ApplyBatch(ctx, pb.batch)
	default:
		res, err = st.WriteBatch(ctx, batchDocQuads(b))
	}
	if err != nil && len(b) > 1 {
		res = make([]store.Result, len(b))
		errs := make([]error, len(b))
		for i, p := range b {
			res[i], errs[i] = st.WriteQuads(ctx, p.doc.ID, p.quads)
		}
		s.record(b, res, errs, log)
		return
	}
	errs := make([]error, len(b))
	for i := range errs {
		errs[i] = err
	}
	s.record(b, res, errs, log)
}

func (s *buildStats) record(b []pendingDoc, res []store.Result, errs []error, log io.Writer) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i, p := range b {
		if errs[i] != nil {
			s.failed++
			fmt.Fprintf(log, "kg: %s: %v\n", p.name, errs[i])
			continue
		}
		r := res[i]
		s.docs++
		s.sentences += len(p.doc.Doc.Sentences)
		for _, sn := range p.doc.Doc.Sentences {
			s.words += len(sn.Tokens)
		}
		s.facts += len(p.doc.Facts)
		s.added += r.Added
		s.removed += r.Removed
		if r.Unchanged {
			s.unchanged++
		}
	}
}

func (o buildOptions) logLine(format string, args ...any) {
	if o.terminal {
		fmt.Fprint(o.log, "\r\033[K") // clear the status line first
	}
	fmt.Fprintf(o.log, format+"\n", args...)
}

// inputSize is the size in bytes of the input files, or 0 if stdin is one
// of them (the total is unknown).
func inputSize(inputs []string) int64 {
	var n int64
	for _, in := range inputs {
		if in == "-" {
			return 0
		}
		if fi, err := os.Stat(in); err == nil {
			n += fi.Size()
		}
	}
	return n
}

// startProgress reports progress every o.progress until the returned
// function is called: on a terminal one status line redrawn in place,
// otherwise plain log lines.
func startProgress(s *buildStats, start time.Time, o buildOptions) (stop func()) {
	if o.progress <= 0 || o.quiet {
		return func() {}
	}
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		t := time.NewTicker(o.progress)
		defer t.Stop()
		for {
			select {
			case <-done:
				if o.terminal {
					fmt.Fprint(o.log, "\r\033[K")
				}
				return
			case <-t.C:
				s.mu.Lock()
				line := s.status(time.Since(start))
				s.mu.Unlock()
				if o.terminal {
					fmt.Fprint(o.log, "\r\033[K"+line)
				} else {
					fmt.Fprintln(o.log, line)
				}
			}
		}
	}()
	return func() {
		close(done)
		<-finished
	}
}

// status is one progress line: documents, facts, speed, and with a known
// input size the share done and the time left.
func (s *buildStats) status(el time.Duration) string {
	secs := el.Seconds()
	line := fmt.Sprintf("kg: %d documents (%d skipped, %d failed), %d facts, %.0f words/s, %s", s.docs+s.skipped, s.skipped, s.failed, s.facts, float64(s.words)/secs, el.Round(time.Second))
	if s.total > 0 && s.read > 0 {
		f := float64(s.read) / float64(s.total)
		if f > 1 {
			f = 1
		}
		eta := time.Duration(float64(el) * (1 - f) / f).Round(time.Second)
		line += fmt.Sprintf(", %3.0f%% read, ETA %s", 100*f, eta)
	}
	return line
}

// isTerminal reports whether w is a character device (a terminal).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
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
