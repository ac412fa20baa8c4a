package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/kg-project/kg/graph/query"
	"github.com/kg-project/kg/graph/store"
	"github.com/kg-project/kg/queries"
)

func newQueryCmd() *cobra.Command {
	var (
		sf      storeFlags
		lang    string
		format  string
		file    string
		saved   bool
		params  []string
		limit   int
		timeout time.Duration
	)
	c := &cobra.Command{
		Use:   "query [flags] QUERY | -f FILE | --saved [NAME]",
		Short: "Run a Gizmo, GraphQL or MQL query against the store",
		Example: `  kg query 'g.V(g.IRI("ent:Angela_Merkel")).out().all()'
  kg query --saved                      # list saved queries
  kg query --saved spoke-to
  kg query --saved entity --param name="Emmanuel Macron"
  kg query --lang graphql -f people.graphql --format json`,
		RunE: func(cmd *cobra.Command, args []string) error {
			var text string
			switch {
			case saved:
				if len(args) == 0 {
					return listSaved(cmd.OutOrStdout())
				}
				q, ok := queries.Get(args[0])
				if !ok {
					return fmt.Errorf("no saved query %q (kg query --saved lists them)", args[0])
				}
				p, err := parseParams(params)
				if err != nil {
					return err
				}
				if text, err = q.Source(p); err != nil {
					return err
				}
				lang = "gizmo"
			case file == "-":
				b, err := io.ReadAll(os.Stdin)
				if err != nil {
					return err
				}
				text = string(b)
			case file != "":
				b, err := os.ReadFile(file)
				if err != nil {
					return err
				}
				text = string(b)
			case len(args) == 1:
				text = args[0]
			default:
				return errors.New("give a query, -f FILE or --saved NAME")
			}
			st, err := store.Open(sf.options(true))
			if err != nil {
				return err
			}
			// After a time-out the store stays open: cayley's query
			// goroutine may still be reading, and closing unmapped bolt's
			// memory under it ("fatal error: fault" on a 5M-quad store).
			// The process ends right after; nothing was written.
			// (A query stopped by its result limit is waiting to send, not
			// reading, so closing is safe then.)
			timedOut := false
			defer func() {
				if !timedOut {
					st.Close()
				}
			}()
			res, err := query.Run(context.Background(), st, text, query.Options{Lang: lang, Limit: limit, Timeout: timeout})
			timedOut = errors.Is(err, query.ErrTimeout)
			if err != nil {
				return &exitError{1, err}
			}
			switch format {
			case "json":
				return query.WriteJSON(cmd.OutOrStdout(), res)
			case "table", "":
				return query.WriteTable(cmd.OutOrStdout(), res)
			}
			return fmt.Errorf("unknown --format %q (want table or json)", format)
		},
	}
	sf.register(c)
	c.Flags().StringVar(&lang, "lang", "gizmo", "query language: gizmo, graphql, mql")
	c.Flags().StringVar(&format, "format", "table", "output: table or json")
	c.Flags().StringVarP(&file, "file", "f", "", "read the query from FILE (- for stdin)")
	c.Flags().BoolVar(&saved, "saved", false, "run the saved query NAME (no NAME: list them)")
	c.Flags().StringArrayVar(&params, "param", nil, "parameter of a saved query, name=value (repeatable)")
	c.Flags().IntVar(&limit, "limit", 1000, "maximum number of results (0: no limit)")
	c.Flags().DurationVar(&timeout, "timeout", 30*time.Second, "stop the query after this long")
	return c
}

func parseParams(kv []string) (map[string]string, error) {
	p := map[string]string{}
	for _, s := range kv {
		k, v, ok := strings.Cut(s, "=")
		if !ok || k == "" {
			return nil, fmt.Errorf("--param %q: want name=value", s)
		}
		p[k] = v
	}
	return p, nil
}

func listSaved(w io.Writer) error {
	all := queries.All()
	sort.Slice(all, func(i, j int) bool { return all[i].Name < all[j].Name })
	for _, q := range all {
		fmt.Fprintf(w, "%-14s %s\n", q.Name, q.Description)
		for _, p := range q.Params {
			fmt.Fprintf(w, "%-14s   --param %s=%q (default)\n", "", p.Name, p.Default)
		}
	}
	return nil
}
