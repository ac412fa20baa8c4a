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

	var (
		curDoc    string
		docQs     []quad.Quad
		pending   []store.DocQuads // whole documents waiting for one transaction
		nPend     int
		loose     = cgraph.NewTransaction()
		nLoose    int
		writeDocs = func() error {
			if len(pending) == 0 {
				return nil
			}
			res, err := st.WriteBatch(ctx, pending)
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
			pending, nPend = nil, 0
			return nil
		}
		endDoc = func() error {
			if curDoc == "" || len(docQs) == 0 {
				return nil
			}
			qs := graph.Dedup(docQs)
			pending = append(pending, store.DocQuads{ID: curDoc, Quads: qs})
			nPend += len(qs)
			docQs = nil
			if nPend >= batch {
				return writeDocs()
			}
			return nil
		}
		flushLoose = func() error {
			if nLoose == 0 {
				return nil
			}
			if err := st.ApplyTransaction(loose); err != nil {
				return err
			}
			s.added += nLoose
			loose, nLoose = cgraph.NewTransaction(), 0
			return nil
		}
	)
	for {
		q, err := qr.ReadQuad()
		if err == io.EOF {
			break
		}
		if err != nil {
			return s, fmt.Errorf("after %d quads: %w", s.read, err)
		}
		s.read++
		if id, ok := graph.DocumentOf(q.Label); ok {
			if id != curDoc {
				if err := endDoc(); err != nil {
					return s, err
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
				return s, err
			}
		}
	}
	if err := endDoc(); err != nil {
		return s, err
	}
	if err := writeDocs(); err != nil {
		return s, err
	}
	return s, flushLoose()
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
