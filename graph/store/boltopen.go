package store

import (
	"errors"
	"os"
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
// store, it gives up after boltWait with bolt.ErrTimeout. bigMap reports
// whether the map is boltMapSize.
func openBolt(path string, opts cgraph.Options) (cgraph.QuadStore, *bolt.DB, bool, error) {
	file := filepath.Join(path, "indexes.bolt")
	bigMap := boltMapSize > 0
	db, err := hbolt.Open(file, &bolt.Options{InitialMmapSize: boltMapSize, Timeout: boltWait})
	if err != nil && bigMap && !errors.Is(err, bolt.ErrTimeout) {
		bigMap = false
		db, err = hbolt.Open(file, &bolt.Options{Timeout: boltWait})
	}
	if err != nil {
		return nil, nil, false, err
	}
	bdb := db.DB()
	if bdb.NoSync, err = opts.BoolKey("nosync", false); err != nil {
		db.Close()
		return nil, nil, false, err
	}
	bdb.NoGrowSync = bdb.NoSync
	qs, err := kv.New(boltKV{db}, opts)
	if err != nil {
		db.Close()
		return nil, nil, false, err
	}
	return qs, bdb, bigMap, nil
}

// mapMargin is how far below the end of bolt's mapping the file must end
// for the mapping to be taken as fixed: more than one write can grow the
// file by.
const mapMargin = 4 << 30

// mapFixed reports whether bolt's mapping of db cannot move in the next
// writes: it was opened with boltMapSize, and the file ends well below it.
func mapFixed(db *bolt.DB, bigMap bool) bool {
	if db == nil || !bigMap {
		return false
	}
	fi, err := os.Stat(db.Path())
	return err == nil && uint64(fi.Size())+mapMargin < uint64(boltMapSize)
}
