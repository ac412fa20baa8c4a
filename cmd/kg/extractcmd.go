package main

import (
	"bufio"
	"fmt"
	"runtime"

	"github.com/cayleygraph/quad/nquads"
	"github.com/spf13/cobra"

	"github.com/kg-project/kg/extract"
)

func init() { extraCommands = append(extraCommands, newExtractCmd) }

func newExtractCmd() *cobra.Command {
	var (
		minConf float64
		workers int
	)
	c := &cobra.Command{
		Use:   "extract [flags] FILE|DIR|- ... > facts.nq",
		Short: "Extract facts and write them as N-Quads, without a store",
		Long: `extract runs the same extraction as build but writes the quads to standard
output as N-Quads instead of into a store. With kg load it is the scale-out
path: extract on many machines, load the files into one shared store.`,
		Example: `  kg extract articles/ > facts.nq
  kg load --backend postgres --db postgres://… facts.nq`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			defaultMemoryLimit()
			if err := extract.Ready(); err != nil {
				return err
			}
			inputs, err := listInputs(args, nil, nil)
			if err != nil {
				return err
			}
			bw := bufio.NewWriterSize(cmd.OutOrStdout(), 1<<16)
			w := nquads.NewWriter(bw)
			failed, docs, quads := 0, 0, 0
			eo := extractOptions{workers: workers, extract: extract.Options{MinConfidence: minConf}}
			err = extractAll(cmd.Context(), inputs, eo, func(d *extractResult) error {
				if d.err != nil {
					failed++
					fmt.Fprintf(cmd.ErrOrStderr(), "kg: %v\n", d.err)
					return nil
				}
				qs := d.quads
				docs++
				quads += len(qs)
				_, err := w.WriteQuads(qs)
				return err
			})
			if err == nil {
				err = bw.Flush()
			}
			if err != nil {
				return err
			}
			fmt.Fprintf(cmd.ErrOrStderr(), "kg: extracted %d documents (%d failed), %d quads\n", docs, failed, quads)
			if failed > 0 {
				return &exitError{1, fmt.Errorf("%d of %d inputs failed", failed, len(inputs))}
			}
			return nil
		},
	}
	c.Flags().IntVar(&workers, "workers", runtime.NumCPU(), "extraction workers")
	c.Flags().Float64Var(&minConf, "min-confidence", 0, "drop facts scored below this (0..1)")
	return c
}
