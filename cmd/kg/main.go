// Command kg builds a knowledge graph from news articles and lets people
// query, export and browse it. See the README for a tour.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"runtime/pprof"
	"runtime/trace"

	"github.com/spf13/cobra"

	"github.com/kg-project/kg/graph/store"
)

// exitError carries a process exit code through cobra.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }

// storeFlags are the flags every command that opens a store shares.
type storeFlags struct {
	db      string
	backend string
}

func (f *storeFlags) register(c *cobra.Command) {
	c.Flags().StringVar(&f.db, "db", "", "store location: a directory for bolt/leveldb (default ./kg.db), a URL for postgres (or $KG_DB)")
	c.Flags().StringVar(&f.backend, "backend", "", "store backend: bolt, leveldb, memstore, postgres, cockroach (default bolt, or $KG_BACKEND)")
}

func (f *storeFlags) options(readOnly bool) store.Options {
	o := store.Options{Backend: f.backend, Path: f.db, ReadOnly: readOnly}
	if o.Backend == "" {
		o.Backend = os.Getenv("KG_BACKEND")
	}
	if o.Path == "" {
		o.Path = os.Getenv("KG_DB")
	}
	return o
}

func newRoot() *cobra.Command {
	root := &cobra.Command{
		Use:   "kg",
		Short: "Build a knowledge graph from news articles and query it",
		Long: `kg reads news articles, extracts subject–predicate–object facts, resolves
who is who, and stores the facts as quads in a cayley graph store that you
can query with Gizmo, browse in cayley's web UI, and export as N-Quads.`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	var cpuProfile, traceOut string
	var profFile, traceFile *os.File
	root.PersistentFlags().StringVar(&cpuProfile, "cpuprofile", "", "write a CPU profile to this file (go tool pprof)")
	root.PersistentFlags().MarkHidden("cpuprofile")
	root.PersistentFlags().StringVar(&traceOut, "trace", "", "write an execution trace to this file (go tool trace)")
	root.PersistentFlags().MarkHidden("trace")
	root.PersistentPreRunE = func(*cobra.Command, []string) error {
		if cpuProfile != "" {
			f, err := os.Create(cpuProfile)
			if err != nil {
				return err
			}
			profFile = f
			if err := pprof.StartCPUProfile(f); err != nil {
				return err
			}
		}
		if traceOut != "" {
			f, err := os.Create(traceOut)
			if err != nil {
				return err
			}
			traceFile = f
			return trace.Start(f)
		}
		return nil
	}
	root.PersistentPostRun = func(*cobra.Command, []string) {
		if profFile != nil {
			pprof.StopCPUProfile()
			profFile.Close()
		}
		if traceFile != nil {
			trace.Stop()
			traceFile.Close()
		}
	}
	root.AddCommand(newBuildCmd(), newQueryCmd(), newExportCmd(), newServeCmd())
	for _, c := range extraCommands {
		root.AddCommand(c())
	}
	return root
}

// extraCommands lets commands defined in other files of this package
// register themselves.
var extraCommands []func() *cobra.Command

func main() {
	// An interrupt cancels the command's context: long commands stop
	// reading and finish what they hold; a second interrupt kills.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	go func() {
		<-ctx.Done()
		stop()
	}()
	err := newRoot().ExecuteContext(ctx)
	if err == nil {
		return
	}
	fmt.Fprintln(os.Stderr, "kg:", err)
	var ee *exitError
	if errors.As(err, &ee) {
		os.Exit(ee.code)
	}
	os.Exit(1)
}
