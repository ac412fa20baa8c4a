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
		maxWrite int64
		minConf  float64
		token    string
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
  curl -s --data-binary @article.txt 'http://127.0.0.1:64210/api/kg/v1/documents?id=my-article'`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if token == "" {
				token = os.Getenv("KG_TOKEN")
			}
			ln, err := net.Listen("tcp", addr)
			if err != nil {
				return err
			}
			defer ln.Close()
			if err := checkExposure(ln.Addr(), token, readOnly); err != nil {
				return err
			}
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
				Token: token, MaxWriteBody: maxWrite,
			})
			if err != nil {
				return err
			}
			srv := &http.Server{
				Handler:           h,
				ReadHeaderTimeout: 10 * time.Second,
				// A client gets a minute (plus the time of its slowest
				// query) to send its body; idle connections are closed.
				ReadTimeout: time.Minute + timeout,
				IdleTimeout: 2 * time.Minute,
			}
			fmt.Fprintf(cmd.ErrOrStderr(), "kg: serving %s store %s at http://%s/ (read-only: %v, writes need a token: %v)\n", st.Backend, st.Path, ln.Addr(), readOnly, token != "")
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
	c.Flags().StringVar(&addr, "addr", defaultServeAddr, "address to listen on; an address beyond loopback needs --token (or KG_TOKEN) or --read-only")
	c.Flags().StringVar(&token, "token", "", "require \"Authorization: Bearer <token>\" of every write (default $KG_TOKEN; prefer the variable, command lines are visible to other users)")
	c.Flags().Int64Var(&maxWrite, "max-write", web.DefaultMaxWriteBody, "largest body of /api/v2/write and /api/v2/delete, in bytes (after gzip decompression)")
	c.Flags().BoolVar(&readOnly, "read-only", false, "refuse every write")
	c.Flags().DurationVar(&timeout, "timeout", 30*time.Second, "time limit of one query")
	c.Flags().Int64Var(&maxBody, "max-article", web.DefaultMaxBody, fmt.Sprintf("largest article accepted over HTTP, in bytes (at most %d)", article.MaxSize))
	c.Flags().Float64Var(&minConf, "min-confidence", 0, "drop facts scored below this (0..1) from posted articles")
	return c
}

// defaultServeAddr is where kg serve listens by default: loopback only.
const defaultServeAddr = "127.0.0.1:64210"

// checkExposure refuses to serve a writable store on an address other
// hosts can reach without a token: a, the address actually listened on,
// must be loopback unless the store is read-only or writes need a token.
func checkExposure(a net.Addr, token string, readOnly bool) error {
	if token != "" || readOnly {
		return nil
	}
	ta, ok := a.(*net.TCPAddr)
	if ok && ta.IP.IsLoopback() {
		return nil
	}
	return fmt.Errorf("kg serve: refusing to serve a writable store on %s, which is reachable beyond this machine, without a token: set KG_TOKEN (or --token) so that writes need \"Authorization: Bearer <token>\", or pass --read-only, or listen on 127.0.0.1", a)
}
