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

	"github.com/kg-project/kg/web"
)

func newServeCmd() *cobra.Command {
	var (
		sf       storeFlags
		addr     string
		readOnly bool
		timeout  time.Duration
	)
	c := &cobra.Command{
		Use:   "serve [flags]",
		Short: "Serve cayley's HTTP API and web query UI over the store",
		Example: `  kg serve                     # http://127.0.0.1:64210/
  kg serve --read-only --addr 127.0.0.1:8080`,
		RunE: func(cmd *cobra.Command, args []string) error {
			st, err := openStore(sf, readOnly)
			if err != nil {
				return err
			}
			defer st.Close()
			h, err := web.New(st.Handle, web.Config{ReadOnly: readOnly, QueryTimeout: timeout})
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
	return c
}
