package main

import (
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"
	"github.com/spf13/cobra"

	"github.com/kg-project/kg/graph"
	"github.com/kg-project/kg/graph/store"
)

func init() { extraCommands = append(extraCommands, newLoadCmd, newRmCmd) }

func newLoadCmd() *cobra.Command {
	var (
		sf     storeFlags
		format string
		batch  int
	)
	c := &cobra.Command{
		Use:   "load [flags] FILE ...",
		Short: "Load quads (N-Quads from kg extract, or any format cayley reads) into a store",
		Long: `load writes quads into the store. Quads that kg extract produced are grouped
by document (their label names it) and each document is written like kg build
writes it: unchanged documents write nothing, changed ones replace their old
quads. Whole documents are written together, about --batch quads a
transaction; other quads are added in batches of --batch. Files ending in
.gz are decompressed.`,
		Example: `  kg extract articles/ > facts.nq && kg load facts.nq
  kg load --backend postgres --db 'postgres://kg@db/kg?sslmode=disable' part-*.nq.gz`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			defaultMemoryLimit()
			st, err := openStore(sf, false)
			if err != nil {
				return err
			}
			defer st.Close()
			// Keep the store's memory map from filling the resident set
			// (see store.ReleaseMapped).
			defer st.ReleaseMappedEvery(releaseAbove, releaseEvery, func(err error) {
				fmt.Fprintf(cmd.ErrOrStderr(), "kg: %v\n", err)
			})()
			start := time.Now()
			var total loadStats
			for _, name := range args {
				n, err := loadFile(cmd.Context(), st, name, format, batch)
				total.add(n)
				if err != nil {
					return fmt.Errorf("%s: %w", name, err)
				}
			}
			secs := time.Since(start).Seconds()
			fmt.Fprintf(cmd.ErrOrStderr(), "kg: loaded %d quads (%d documents, %d unchanged; +%d -%d), %.2fs, %.0f quads/s\n",
				total.read, total.docs, total.unchanged, total.added, total.removed, secs, float64(total.read)/secs)
			return nil
		},
	}
	sf.register(c)
	c.Flags().StringVar(&format, "format", "", "input format (default: from the file extension, else nquads)")
	c.Flags().IntVar(&batch, "batch", 50000, "quads per transaction (whole documents are never split)")
	return c
}

type loadStats struct{ read, docs, unchanged, added, removed int }

func (s *loadStats) add(o loadStats) {
	s.read += o.read
	s.docs += o.docs
	s.unchanged += o.unchanged
	s.added += o.added
	s.removed += o.removed
}

func loadFile(ctx context.Context, st *store.Store, name, format string, batch int) (loadStats, error) {
	var s loadStats
	if ctx == nil {
		ctx = context.Background()
	}
	f, err := os.Open(name)
	if err != nil {
		return s, err
	}
	defer f.Close()
	var r io.Reader = f
	base := name
	if strings.HasSuffix(name, ".gz") {
		zr, err := gzipReader(f)
		if err != nil {
			return s, err
		}
		r = zr
		base = strings.TrimSuffix(name, ".gz")
	}
	qf := quad.FormatByName("nquads")
	if format != "" {
		if qf = quad.FormatByName(format); qf == nil {
			return s, fmt.Errorf("unknown format %q", format)
		}
	} else if f := quad.FormatByExt(filepath.Ext(base)); f != nil && f.Reader != nil {
		qf = f
	}
	if qf.Reader == nil {
		return s, fmt.Errorf("format %s cannot be read", qf.Name)
	}
	qr := qf.Reader(r)
	defer qr.Close()

	// The file is parsed and grouped on one goroutine while the store
	// writes on this one (parsing took about a sixth of a load's time);
	// writes happen in the order of the file.
	ops := make(chan loadOp, 2)
	rctx, stop := context.WithCancel(ctx)
	defer stop()
	var read int
	rerr := make(chan error, 1)
	go func() {
		defer close(ops)
		var err error
		read, err = readLoadOps(rctx, qr, batch, ops)
		rerr <- err
	}()
	for op := range ops {
		if err := applyLoadOp(ctx, st, op, &s); err != nil {
			stop()
			for range ops { // let the reader end
			}
			<-rerr
			s.read = read
			return s, err
		}
	}
	err = <-rerr
	s.read = read
	return s, err
}

// A loadOp is one write of kg load: whole documents in one transaction,
// or quads of no document.
type loadOp struct {
	docs  []store.DocQuads
	loose *cgraph.Transaction
	n     int // quads in loose
}

// readLoadOps reads qr to its end, sending documents of about batch quads
// and batches of loose quads to ops in the order of the file, and returns
// the number of quads read. It stops at the first error, after sending
// the operations that precede it; what follows is not sent (a document
// cut short by the error is not written, nor are documents still waiting
// to fill a batch).
func readLoadOps(ctx context.Context, qr quad.ReadCloser, batch int, ops chan<- loadOp) (int, error) {
	var (
		read    int
		curDoc  string
		docQs   []quad.Quad
		pending []store.DocQuads // whole documents waiting for one transaction
		nPend   int
		loose   = cgraph.NewTransaction()
		nLoose  int
	)
	send := func(op loadOp) error {
		select {
		case ops <- op:
			return nil
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	flushDocs := func() error {
		if len(pending) == 0 {
			return nil
		}
		err := send(loadOp{docs: pending})
		pending, nPend = nil, 0
		return err
	}
	endDoc := func() error {
		if curDoc == "" || len(docQs) == 0 {
			return nil
		}
		qs := graph.Dedup(docQs)
		pending = append(pending, store.DocQuads{ID: curDoc, Quads: qs})
		nPend += len(qs)
		docQs = nil
		if nPend >= batch {
			return flushDocs()
		}
		return nil
	}
	flushLoose := func() error {
		if nLoose == 0 {
			return nil
		}
		err := send(loadOp{loose: loose, n: nLoose})
		loose, nLoose = cgraph.NewTransaction(), 0
		return err
	}
	for {
		q, err := qr.ReadQuad()
		if err == io.EOF {
			break
		}
		if err != nil {
			return read, fmt.Errorf("after %d quads: %w", read, err)
		}
		read++
		if id, ok := graph.DocumentOf(q.Label); ok {
			if id != curDoc {
				if err := endDoc(); err != nil {
					return read, err
				}
				curDoc = id
			}
			docQs = append(docQs, q)
			continue
		}
		loose.AddQuad(q)
		nLoose++
		if nLoose >= batch {
			if err := flushLoose(); err != nil {
				return read, err
			}
		}
	}
	if err := endDoc(); err != nil {
		return read, err
	}
	if err := flushDocs(); err != nil {
		return read, err
	}
	return read, flushLoose()
}

// applyLoadOp writes op and adds what it wrote to s.
func applyLoadOp(ctx context.Context, st *store.Store, op loadOp, s *loadStats) error {
	if op.loose != nil {
		if err := st.ApplyTransaction(op.loose); err != nil {
			return err
		}
		s.added += op.n
		return nil
	}
	res, err := st.WriteBatch(ctx, op.docs)
	if err != nil {
		return err
	}
	for _, r := range res {
		s.docs++
		s.added += r.Added
		s.removed += r.Removed
		if r.Unchanged {
			s.unchanged++
		}
	}
	return nil
}

func newRmCmd() *cobra.Command {
	var sf storeFlags
	c := &cobra.Command{
		Use:     "rm [flags] DOCID ...",
		Short:   "Remove documents and all their facts from the store",
		Example: `  kg rm my-article`,
		Args:    cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			st, err := openStore(sf, false)
			if err != nil {
				return err
			}
			defer st.Close()
			failed := 0
			for _, id := range args {
				n, err := st.RemoveDocument(cmd.Context(), id)
				if err != nil {
					failed++
					fmt.Fprintf(cmd.ErrOrStderr(), "kg: %s: %v\n", id, err)
					continue
				}
				fmt.Fprintf(cmd.ErrOrStderr(), "kg: removed %s (%d quads)\n", id, n)
			}
			if failed > 0 {
				return &exitError{1, fmt.Errorf("%d of %d documents not removed", failed, len(args))}
			}
			return nil
		},
	}
	sf.register(c)
	return c
}

func gzipReader(r io.Reader) (io.Reader, error) { return gzip.NewReader(r) }
