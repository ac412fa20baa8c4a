package store

import (
	"errors"
	"path/filepath"
	"strconv"
	"time"

	"github.com/boltdb/bolt"
	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/kv"
	hbolt "github.com/hidal-go/hidalgo/kv/bolt"
)

// boltMapSize is the size of the memory map kg asks bolt for when it opens
// a store: address space, not memory. bolt maps its file at open and maps
// it again, at a new address, whenever a write grows the file past the
// mapping; with a mapping far larger than the file it never moves, so
// ReleaseMapped can drop its pages while writes run (resident_linux.go).
// 64 GiB on 64-bit systems; 0 (bolt's default: the file size, rounded up)
// elsewhere.
var boltMapSize = func() int {
	if strconv.IntSize == 64 {
		return 1 << (strconv.IntSize - 28) // 64 GiB; the expression compiles on 32-bit systems too
	}
	return 0
}()

// boltWait is how long openBolt waits for a store another process holds.
const boltWait = 200 * time.Millisecond

// openBolt opens the bolt store in directory path as cayley's bolt backend
// does (the file indexes.bolt, nosync from opts), with kg's memory map
// size. If the system refuses a map that large (a limit on address
// space), it opens with bolt's default. If another process holds the
// store, it gives up after boltWait with bolt.ErrTimeout.
func openBolt(path string, opts cgraph.Options) (cgraph.QuadStore, *bolt.DB, error) {
	file := filepath.Join(path, "indexes.bolt")
	db, err := hbolt.Open(file, &bolt.Options{InitialMmapSize: boltMapSize, Timeout: boltWait})
	if err != nil && boltMapSize > 0 && !errors.Is(err, bolt.ErrTimeout) {
		db, err = hbolt.Open(file, &bolt.Options{Timeout: boltWait})
	}
	if err != nil {
		return nil, nil, err
	}
	bdb := db.DB()
	if bdb.NoSync, err = opts.BoolKey("nosync", false); err != nil {
		db.Close()
		return nil, nil, err
	}
	bdb.NoGrowSync = bdb.NoSync
	qs, err := kv.New(db, opts)
	if err != nil {
		db.Close()
		return nil, nil, err
	}
	return qs, bdb, nil
}
