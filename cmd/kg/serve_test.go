package main

import (
	"net"
	"strings"
	"testing"
)

func TestServeDefaultAddrIsLoopback(t *testing.T) {
	c := newServeCmd()
	f := c.Flags().Lookup("addr")
	if f == nil {
		t.Fatal("kg serve has no --addr flag")
	}
	host, _, err := net.SplitHostPort(f.DefValue)
	if err != nil {
		t.Fatalf("default --addr %q: %v", f.DefValue, err)
	}
	ip := net.ParseIP(host)
	if ip == nil || !ip.IsLoopback() {
		t.Errorf("default --addr is %q, want a loopback address", f.DefValue)
	}
	if c.Flags().Lookup("token") == nil {
		t.Error("kg serve has no --token flag")
	}
}

func TestCheckExposure(t *testing.T) {
	tcp := func(ip string) net.Addr { return &net.TCPAddr{IP: net.ParseIP(ip), Port: 64210} }
	for _, tc := range []struct {
		name     string
		addr     net.Addr
		token    string
		readOnly bool
		ok       bool
	}{
		{"loopback v4", tcp("127.0.0.1"), "", false, true},
		{"loopback v6", tcp("::1"), "", false, true},
		{"other loopback", tcp("127.0.0.2"), "", false, true},
		{"all interfaces", tcp("0.0.0.0"), "", false, false},
		{"all interfaces v6", tcp("::"), "", false, false},
		{"lan address", tcp("192.168.1.5"), "", false, false},
		{"all interfaces with token", tcp("0.0.0.0"), "s3cret", false, true},
		{"all interfaces read-only", tcp("0.0.0.0"), "", true, true},
		{"not tcp", &net.UnixAddr{Name: "/tmp/x", Net: "unix"}, "", false, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := checkExposure(tc.addr, tc.token, tc.readOnly)
			if (err == nil) != tc.ok {
				t.Fatalf("checkExposure(%v, token %q, read-only %v) = %v, want ok %v", tc.addr, tc.token, tc.readOnly, err, tc.ok)
			}
			if err != nil && !strings.Contains(err.Error(), "KG_TOKEN") {
				t.Errorf("the refusal does not say how to fix it: %v", err)
			}
		})
	}
}

// TestServeRefusesExposedWithoutToken runs kg serve on all interfaces
// without a token: it must exit with the explanation, before serving.
func TestServeRefusesExposedWithoutToken(t *testing.T) {
	t.Setenv("KG_TOKEN", "")
	_, _, err := run(t, "serve", "--addr", "0.0.0.0:0", "--db", t.TempDir()+"/kg.db")
	if err == nil {
		t.Fatal("kg serve --addr 0.0.0.0:0 without a token started")
	}
	if !strings.Contains(err.Error(), "refusing") || !strings.Contains(err.Error(), "--read-only") {
		t.Errorf("unclear refusal: %v", err)
	}
}
