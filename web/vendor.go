package web

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strconv"
	"strings"
)

// vendorTypes are the content types of the embedded assets, fixed here so
// they do not depend on the host's MIME tables.
var vendorTypes = map[string]string{
	".js":    "text/javascript; charset=utf-8",
	".css":   "text/css; charset=utf-8",
	".woff2": "font/woff2",
	".woff":  "font/woff",
	".ttf":   "font/ttf",
	".txt":   "text/plain; charset=utf-8",
	".md":    "text/plain; charset=utf-8",
}

func contentType(name string) string {
	ext := path.Ext(name)
	if t, ok := vendorTypes[ext]; ok {
		return t
	}
	if strings.HasPrefix(path.Base(name), "LICENSE") {
		return "text/plain; charset=utf-8"
	}
	if t := mime.TypeByExtension(ext); t != "" {
		return t
	}
	return "application/octet-stream"
}

// acceptsGzip reports whether the request accepts a gzip-encoded answer.
func acceptsGzip(r *http.Request) bool {
	for _, part := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		enc, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if strings.TrimSpace(enc) != "gzip" {
			continue
		}
		params = strings.ReplaceAll(params, " ", "")
		return params != "q=0" && params != "q=0.0" && params != "q=0.00" && params != "q=0.000"
	}
	return false
}

// VendorFile returns the content of an embedded asset by its name under
// VendorPrefix (e.g. "monaco-editor@0.18.1/min/vs/loader.js"), decompressed.
func VendorFile(name string) ([]byte, error) {
	b, gz, err := openVendor(name)
	if err != nil {
		return nil, err
	}
	if !gz {
		return b, nil
	}
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("web: asset %s: %w", name, err)
	}
	out, err := io.ReadAll(zr)
	if err != nil {
		return nil, fmt.Errorf("web: asset %s: %w", name, err)
	}
	return out, nil
}

// openVendor returns the stored bytes of asset name and whether they are
// gzipped.
func openVendor(name string) ([]byte, bool, error) {
	name = strings.TrimPrefix(path.Clean("/"+name), "/")
	if name == "" || !fs.ValidPath(name) {
		return nil, false, fs.ErrNotExist
	}
	if b, err := assets.ReadFile("assets/" + name + ".gz"); err == nil {
		return b, true, nil
	}
	b, err := assets.ReadFile("assets/" + name)
	if err != nil {
		return nil, false, err
	}
	return b, false, nil
}

// serveVendor serves the embedded third-party assets. They are stored
// gzipped and sent as they are to clients that accept gzip.
func serveVendor(w http.ResponseWriter, r *http.Request) {
	name := strings.TrimPrefix(r.URL.Path, VendorPrefix)
	b, gz, err := openVendor(name)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			http.NotFound(w, r)
			return
		}
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", contentType(name))
	// The paths carry the package versions, so the content never changes.
	h.Set("Cache-Control", "public, max-age=31536000, immutable")
	h.Set("X-Content-Type-Options", "nosniff")
	if gz {
		h.Add("Vary", "Accept-Encoding")
		if !acceptsGzip(r) {
			out, err := VendorFile(name)
			if err != nil {
				http.Error(w, err.Error(), http.StatusInternalServerError)
				return
			}
			b = out
		} else {
			h.Set("Content-Encoding", "gzip")
		}
	}
	h.Set("Content-Length", strconv.Itoa(len(b)))
	if r.Method == http.MethodHead {
		return
	}
	w.Write(b)
}
