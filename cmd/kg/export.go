package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"github.com/kg-project/kg/graph/export"
)

func newExportCmd() *cobra.Command {
	var (
		sf     storeFlags
		format string
		out    string
	)
	c := &cobra.Command{
		Use:   "export [flags]",
		Short: "Write the whole graph in N-Quads or another format cayley knows",
		Example: `  kg export > graph.nq
  kg export --format jsonld -o graph.jsonld
  kg export --format graphviz | dot -Tsvg > graph.svg`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) > 0 {
				return fmt.Errorf("export takes no arguments (got %q)", args[0])
			}
			st, err := openReadOnly(sf)
			if err != nil {
				return err
			}
			defer st.Close()
			var w io.Writer = cmd.OutOrStdout()
			var f *os.File
			if out != "" && out != "-" {
				if f, err = os.Create(out); err != nil {
					return err
				}
				w = f
			}
			bw := bufio.NewWriterSize(w, 1<<16)
			n, err := export.Write(context.Background(), st, bw, format)
			if err == nil {
				err = bw.Flush()
			}
			if f != nil {
				if cerr := f.Close(); err == nil {
					err = cerr
				}
			}
			if err != nil {
				return err
			}
			fmt.Fprintf(cmd.ErrOrStderr(), "kg: exported %d quads as %s\n", n, format)
			return nil
		},
	}
	sf.register(c)
	names := export.Formats()
	sort.Strings(names)
	c.Flags().StringVar(&format, "format", "nquads", "output format: "+strings.Join(names, ", "))
	c.Flags().StringVarP(&out, "output", "o", "", "write to FILE instead of standard output")
	return c
}
