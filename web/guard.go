package web

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"crypto/subtle"
	"errors"
	"fmt"
	"io"
	"net/http"
	"path"
	"strings"
)

// MaxQueryBody is the largest request body accepted by every route that
// is neither a store write nor an article post: queries (/api/v2/query,
// whose body cayley would otherwise silently cut at 1 MiB), /api/v2/read,
// the shape endpoint and the rest. Larger bodies are answered 413.
const MaxQueryBody = 1 << 20

// DefaultMaxWriteBody is the default limit of a body posted to cayley's
// write and delete endpoints (after gzip decompression), in bytes.
const DefaultMaxWriteBody = 32 << 20

// isWrite reports whether r would change the store: cayley's write
// endpoints, and a POST (other than a dry run) or DELETE of kg's
// documents. Any other method on a documents path counts as a write
// too, so that a route added later cannot slip past the guard.
func isWrite(r *http.Request) bool {
	p := path.Clean("/" + strings.ToLower(r.URL.Path))
	if writePaths[p] {
		return true
	}
	if p == DocumentsPath || strings.HasPrefix(p, DocumentsPath+"/") {
		switch r.Method {
		case http.MethodGet, http.MethodHead, http.MethodOptions:
			return false
		case http.MethodPost:
			return !(p == DocumentsPath && isTrue(r.URL.Query().Get("dry_run")))
		}
		return true
	}
	return false
}

// authorized reports whether r carries "Authorization: Bearer <token>".
// The tokens are compared through their SHA-256 digests in constant
// time, so that neither their content nor their length leaks.
func authorized(r *http.Request, token string) bool {
	scheme, got, ok := strings.Cut(r.Header.Get("Authorization"), " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return false
	}
	a := sha256.Sum256([]byte(strings.TrimSpace(got)))
	b := sha256.Sum256([]byte(token))
	return subtle.ConstantTimeCompare(a[:], b[:]) == 1
}

// bodyLimit is the largest body r may carry, and whether front reads the
// body itself (buffers it) before the handler runs.
func (f *front) bodyLimit(r *http.Request) (limit int64, buffer bool) {
	p := path.Clean("/" + strings.ToLower(r.URL.Path))
	switch {
	case p == "/api/v2/write" || p == "/api/v2/delete":
		return f.maxWrite, true
	case p == DocumentsPath || strings.HasPrefix(p, DocumentsPath+"/") || p == ExtractPath:
		// The document endpoints answer 413 themselves.
		return f.maxArticle, false
	case strings.HasPrefix(p, "/api/"):
		return MaxQueryBody, true
	}
	return MaxQueryBody, false
}

// limitBody enforces the body limit of r: it answers 413 and returns
// false when the body is larger. For cayley's routes, whose handlers do
// not tell a cut body from a complete one, it reads the whole body first
// (decompressing a gzip Content-Encoding within the same limit, so that a
// small compressed body cannot expand without bound).
func (f *front) limitBody(w http.ResponseWriter, r *http.Request) bool {
	if r.Body == nil || r.Body == http.NoBody {
		return true
	}
	limit, buffer := f.bodyLimit(r)
	tooLarge := func() bool {
		writeJSONError(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("request body larger than the limit of %d bytes for %s", limit, r.URL.Path))
		return false
	}
	if r.ContentLength > limit {
		return tooLarge()
	}
	r.Body = http.MaxBytesReader(w, r.Body, limit)
	if !buffer {
		return true
	}
	var rd io.Reader = r.Body
	if enc := strings.ToLower(strings.TrimSpace(r.Header.Get("Content-Encoding"))); enc == "gzip" {
		zr, err := gzip.NewReader(r.Body)
		if err != nil {
			if isTooLarge(err) {
				return tooLarge()
			}
			writeJSONError(w, http.StatusBadRequest, fmt.Sprintf("request body: bad gzip: %v", err))
			return false
		}
		defer zr.Close()
		rd = zr
		r.Header.Del("Content-Encoding")
	}
	data, err := io.ReadAll(io.LimitReader(rd, limit+1))
	switch {
	case isTooLarge(err) || int64(len(data)) > limit:
		return tooLarge()
	case err != nil:
		writeJSONError(w, http.StatusBadRequest, fmt.Sprintf("reading the request body: %v", err))
		return false
	}
	r.Body = io.NopCloser(bytes.NewReader(data))
	r.ContentLength = int64(len(data))
	return true
}

func isTooLarge(err error) bool {
	var mb *http.MaxBytesError
	return errors.As(err, &mb)
}
