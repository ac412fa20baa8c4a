package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/kg-project/kg/graph/describe"
)

func init() { extraCommands = append(extraCommands, newShowCmd) }

func newShowCmd() *cobra.Command {
	var (
		sf     storeFlags
		format string
	)
	c := &cobra.Command{
		Use:   "show [flags] NAME|IRI",
		Short: "Show everything the graph knows about an entity",
		Long: `show finds the entities called NAME (a canonical name or any alias, as the
graph holds it; or an IRI such as ent:Angela_Merkel) and prints for each its
types, aliases, how often it is mentioned, and every fact it takes part in,
as subject or object, with the sentence and document the fact came from.`,
		Example: `  kg show "Angela Merkel"
  kg show Merkel                # an alias finds the same entity
  kg show ent:Greenpeace --format json`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if format != "text" && format != "json" {
				return fmt.Errorf("unknown format %q (want text or json)", format)
			}
			st, err := openReadOnly(sf)
			if err != nil {
				return err
			}
			defer st.Close()
			ctx := cmd.Context()
			nodes, err := describe.Find(ctx, st, args[0])
			if err != nil {
				return err
			}
			if len(nodes) == 0 {
				return &exitError{1, fmt.Errorf("no entity %q in the store (names and aliases match exactly; kg query --saved types lists entities)", args[0])}
			}
			var ents []*describe.Entity
			for _, n := range nodes {
				e, err := describe.Describe(ctx, st, n)
				if err != nil {
					return err
				}
				ents = append(ents, e)
			}
			if format == "json" {
				enc := json.NewEncoder(cmd.OutOrStdout())
				enc.SetIndent("", "  ")
				return enc.Encode(ents)
			}
			for i, e := range ents {
				if i > 0 {
					fmt.Fprintln(cmd.OutOrStdout())
				}
				writeEntity(cmd.OutOrStdout(), e)
			}
			return nil
		},
	}
	sf.register(c)
	c.Flags().StringVar(&format, "format", "text", "output format: text or json")
	return c
}

func writeEntity(w io.Writer, e *describe.Entity) {
	fmt.Fprintf(w, "%s  %q  %s\n", e.IRI, e.Name, strings.Join(e.Types, ", "))
	if len(e.Aliases) > 0 {
		fmt.Fprintf(w, "  also called: %s\n", strings.Join(e.Aliases, "; "))
	}
	fmt.Fprintf(w, "  mentioned in %d sentences; %d documents: %s\n", e.Mentions, len(e.Docs), strings.Join(e.Docs, ", "))
	if len(e.Facts) == 0 {
		fmt.Fprintln(w, "  no facts")
		return
	}
	fmt.Fprintf(w, "  %d facts:\n", len(e.Facts))
	for _, f := range e.Facts {
		line := fmt.Sprintf("    %s %s %s", f.Subject, f.Predicate, f.Object)
		var extra []string
		extra = append(extra, fmt.Sprintf("confidence %.2f", f.Confidence))
		if f.AttributedTo != "" {
			extra = append(extra, "according to "+f.AttributedTo)
		}
		for k, v := range f.Context {
			extra = append(extra, k+": "+v)
		}
		fmt.Fprintf(w, "%s  (%s)\n      %s s%d: %s\n", line, strings.Join(extra, "; "), f.Document, f.Index, f.Text)
	}
}
