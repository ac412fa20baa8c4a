package store

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/boltdb/bolt"
	hkv "github.com/hidal-go/hidalgo/kv"
	hbolt "github.com/hidal-go/hidalgo/kv/bolt"
)

// TestBoltKVPutsAsHidalgo makes the same writes through boltKV and through
// hidalgo's bolt store, in several transactions (new buckets, existing
// ones, overwrites, deletes, keys of one and three parts, bucket-only
// puts) and requires the two files to hold the same buckets and keys.
func TestBoltKVPutsAsHidalgo(t *testing.T) {
	if !rawBoltTxOK {
		t.Fatal("hidalgo's bolt transaction changed shape: boltKV falls back to hidalgo's Put")
	}
	ctx := context.Background()
	plain, fast := openHidalgoBolt(t, "plain.bolt"), openHidalgoBolt(t, "fast.bolt")
	k := func(parts ...string) hkv.Key { return hkv.SKey(parts...) }
	steps := [][]func(tx hkv.Tx) error{
		{
			func(tx hkv.Tx) error { return tx.Put(ctx, k("log", "a"), hkv.Value("1")) },
			func(tx hkv.Tx) error { return tx.Put(ctx, k("log", "b"), hkv.Value("2")) },
			func(tx hkv.Tx) error { return tx.Put(ctx, k("top"), hkv.Value("root value")) },
			func(tx hkv.Tx) error { return tx.Put(ctx, k("nested", "inner", "x"), hkv.Value("3")) },
			func(tx hkv.Tx) error { return tx.Put(ctx, k("empty", ""), nil) }, // bucket only
		},
		{
			func(tx hkv.Tx) error { return tx.Put(ctx, k("log", "a"), hkv.Value("1 again")) },
			func(tx hkv.Tx) error { return tx.Put(ctx, k("log", "c"), hkv.Value{}) },
			func(tx hkv.Tx) error { return tx.Put(ctx, k("new", "d"), hkv.Value("4")) },
			func(tx hkv.Tx) error { return tx.Del(ctx, k("log", "b")) },
			func(tx hkv.Tx) error { return tx.Put(ctx, k("empty", "e"), hkv.Value("5")) },
		},
	}
	for i, step := range steps {
		for _, db := range []hkv.KV{plain, boltKV{fast}} {
			tx, err := db.Tx(ctx, true)
			if err != nil {
				t.Fatal(err)
			}
			if _, isFast := db.(boltKV); isFast {
				if _, ok := tx.(*boltWriteTx); !ok {
					t.Fatalf("boltKV's write transaction is a %T", tx)
				}
			}
			for _, put := range step {
				if err := put(tx); err != nil {
					t.Fatalf("step %d: %v", i, err)
				}
			}
			if err := tx.Commit(ctx); err != nil {
				t.Fatal(err)
			}
		}
		a, b := dumpBolt(t, plain.DB()), dumpBolt(t, fast.DB())
		if fmt.Sprint(a) != fmt.Sprint(b) {
			t.Fatalf("step %d: hidalgo %q, boltKV %q", i, a, b)
		}
		if len(a) < 4 {
			t.Fatalf("step %d wrote only %q", i, a)
		}
	}
	// Reads of boltKV are hidalgo's.
	err := boltKV{fast}.View(ctx, func(tx hkv.Tx) error {
		v, err := tx.Get(ctx, k("log", "a"))
		if err != nil || string(v) != "1 again" {
			return fmt.Errorf("get log/a: %q, %v", v, err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// dumpBolt lists every bucket and key of db with its value, depth first.
func dumpBolt(t *testing.T, db *bolt.DB) []string {
	var out []string
	var walk func(prefix string, b *bolt.Bucket) error
	walk = func(prefix string, b *bolt.Bucket) error {
		return b.ForEach(func(k, v []byte) error {
			if v == nil {
				out = append(out, prefix+string(k)+"/")
				return walk(prefix+string(k)+"/", b.Bucket(k))
			}
			out = append(out, fmt.Sprintf("%s%s=%q", prefix, k, v))
			return nil
		})
	}
	err := db.View(func(tx *bolt.Tx) error {
		return walk("", tx.Cursor().Bucket()) // the root, keys of one part too
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestBoltKVGetBatchAsHidalgo reads through boltKV's write transaction and
// through hidalgo's, after writes that create buckets (one read before it
// existed), and requires the same values.
func TestBoltKVGetBatchAsHidalgo(t *testing.T) {
	ctx := context.Background()
	k := func(parts ...string) hkv.Key { return hkv.SKey(parts...) }
	keys := []hkv.Key{
		k("log", "a"), k("log", "zz"), k("new", "d"), k("log", "b"), k("none", "x"),
		k("top"), k("nested", "inner", "x"), k("new", "d"), k("log", "a"),
	}
	put := func(key hkv.Key, v string) func(hkv.Tx) error {
		return func(tx hkv.Tx) error { return tx.Put(ctx, key, hkv.Value(v)) }
	}
	read := func(key hkv.Key) func(hkv.Tx) error {
		return func(tx hkv.Tx) error { _, err := tx.GetBatch(ctx, []hkv.Key{key}); return err }
	}
	del := func(key hkv.Key) func(hkv.Tx) error {
		return func(tx hkv.Tx) error { return tx.Del(ctx, key) }
	}
	steps := [][]func(hkv.Tx) error{
		{put(k("log", "a"), "1"), put(k("log", "b"), "2"), put(k("top"), "t"), put(k("nested", "inner", "x"), "3")},
		{read(k("new", "d")), put(k("new", "d"), "4"), read(k("log", "a")), put(k("log", "a"), "1 again")},
		{read(k("log", "b")), del(k("log", "b")), put(k("new", "e"), "5")},
	}
	plain, fast := openHidalgoBolt(t, "plain.bolt"), openHidalgoBolt(t, "fast.bolt")
	for i, step := range steps {
		var got [2]string
		for j, db := range []hkv.KV{plain, boltKV{fast}} {
			tx, err := db.Tx(ctx, true)
			if err != nil {
				t.Fatal(err)
			}
			vals, err := func() ([]hkv.Value, error) {
				for _, f := range step {
					if err := f(tx); err != nil {
						return nil, err
					}
				}
				return tx.GetBatch(ctx, keys)
			}()
			if err != nil {
				tx.Close()
				t.Fatalf("step %d: %v", i, err)
			}
			got[j] = fmt.Sprintf("%q", vals)
			if err := tx.Commit(ctx); err != nil {
				t.Fatal(err)
			}
		}
		if got[0] != got[1] {
			t.Fatalf("step %d: hidalgo %s, boltKV %s", i, got[0], got[1])
		}
		if !strings.Contains(got[0], `"1`) {
			t.Fatalf("step %d read nothing: %s", i, got[0])
		}
	}
}

// openHidalgoBolt opens a new bolt file called name through hidalgo, closed
// when the test ends.
func openHidalgoBolt(t *testing.T, name string) *hbolt.DB {
	db, err := hbolt.Open(filepath.Join(t.TempDir(), name), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}
