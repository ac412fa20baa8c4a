package extract

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"sync"
)

// Fingerprint identifies this build of the extractor together with the
// options that change its output, so that a store can tell whether a
// document's facts came from exactly this extractor. It is "kg/" and the
// first 16 hex digits of the SHA-256 of the running executable (which
// embeds the code and the models), then the options: any change to the
// code, the models or the options gives a new fingerprint, so callers that
// skip unchanged documents re-extract them after an upgrade. When the
// executable cannot be read, the fingerprint names this process, so it
// matches nothing a previous run stored and nothing is skipped.
func Fingerprint(opts Options) string {
	h, err := executableHash()
	if err != nil {
		return fmt.Sprintf("kg/unknown-%d", os.Getpid())
	}
	if opts.MinConfidence > 0 {
		return fmt.Sprintf("kg/%s min-confidence=%g", h, opts.MinConfidence)
	}
	return "kg/" + h
}

var executableHash = sync.OnceValues(func() (string, error) {
	p, err := os.Executable()
	if err != nil {
		return "", err
	}
	f, err := os.Open(p)
	if err != nil {
		return "", err
	}
	defer f.Close()
	sum := sha256.New()
	if _, err := io.Copy(sum, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(sum.Sum(nil))[:16], nil
})
