package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/kg-project/kg/extract"
	"github.com/kg-project/kg/extract/article"
	"github.com/kg-project/kg/web"
)

func newServeCmd() *cobra.Command {
	var (
		sf       storeFlags
		addr     string
		readOnly bool
		timeout  time.Duration
		maxBody  int64
		minConf  float64
	)
	c := &cobra.Command{
		Use:   "serve [flags]",
		Short: "Serve cayley's HTTP API and web query UI over the store, and kg's article API and page",
		Long: `serve serves cayley's HTTP API v2 and web query UI over the store, and kg's own:

  POST   /api/kg/v1/documents        an article (text/plain with ?id=&title=&date=&url=,
                                     or application/json {"id","title","date","url","text"}):
                                     extract its facts as build does and store them
  DELETE /api/kg/v1/documents/{id}   remove a document's facts
  GET    /api/kg/v1/documents/{id}   a stored document's facts
  POST   /api/kg/v1/extract          extract without storing (also ?dry_run=1)
  /kg/                               a page to paste an article and see its facts`,
		Example: `  kg serve                     # http://127.0.0.1:64210/ and http://127.0.0.1:64210/kg/
  kg serve --read-only --addr 127.0.0.1:8080
  curl -s --data-binary @testdata/000_3ec027d384569d0a.txt 'http://127.0.0.1:64210/api/kg/v1/documents?id=biden'`,
		RunE: func(cmd *cobra.Command, args []string) error {
			st, err := openStore(sf, readOnly)
			if err != nil {
				return err
			}
			defer st.Close()
			if err := extract.Ready(); err != nil {
				return err
			}
			h, err := web.New(st.Handle, web.Config{
				ReadOnly: readOnly, QueryTimeout: timeout,
				KG: web.Page(), Store: st, MaxBody: maxBody, MinConfidence: minConf,
			})
			if err != nil {
				return err
			}
			ln, err := net.Listen("tcp", addr)
			if err != nil {
				return err
			}
			srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
			fmt.Fprintf(cmd.ErrOrStderr(), "kg: serving %s store %s at http://%s/ (read-only: %v)\n", st.Backend, st.Path, ln.Addr(), readOnly)
			ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
			defer stop()
			go func() {
				<-ctx.Done()
				sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
				defer cancel()
				srv.Shutdown(sctx)
			}()
			if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
				return err
			}
			return nil
		},
	}
	sf.register(c)
	c.Flags().StringVar(&addr, "addr", "127.0.0.1:64210", "address to listen on")
	c.Flags().BoolVar(&readOnly, "read-only", false, "refuse every write")
	c.Flags().DurationVar(&timeout, "timeout", 30*time.Second, "time limit of one query")
	c.Flags().Int64Var(&maxBody, "max-article", web.DefaultMaxBody, fmt.Sprintf("largest article accepted over HTTP, in bytes (at most %d)", article.MaxSize))
	c.Flags().Float64Var(&minConf, "min-confidence", 0, "drop facts scored below this (0..1) from posted articles")
	return c
}
