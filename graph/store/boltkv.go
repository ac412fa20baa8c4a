package store

import (
	"bytes"
	"context"
	"errors"
	"reflect"
	"unsafe"

	"github.com/boltdb/bolt"
	hkv "github.com/hidal-go/hidalgo/kv"
	hbolt "github.com/hidal-go/hidalgo/kv/bolt"
)

// boltKV is hidalgo's bolt key-value store, through which cayley's kv
// backend writes, with a faster Put in write transactions.
//
// hidalgo's Put looks up a key's bucket with CreateBucketIfNotExists, a
// B-tree search of the root on every call (bolt does not cache the
// lookup; its Bucket does), about 13% of the writer's time in kg build.
// A write transaction of boltKV looks the bucket up with Bucket and calls
// hidalgo only to create one. Reads and scans are hidalgo's.
type boltKV struct{ *hbolt.DB }

func (db boltKV) Tx(ctx context.Context, rw bool) (hkv.Tx, error) {
	tx, err := db.DB.Tx(ctx, rw)
	if err != nil || !rw {
		return tx, err
	}
	htx, ok := tx.(*hbolt.Tx)
	if !ok || !rawBoltTxOK {
		return tx, nil
	}
	return &boltWriteTx{Tx: htx, raw: rawBoltTx(htx)}, nil
}

// View and Update are hidalgo's helpers over db, so that their
// transactions are boltKV's.
func (db boltKV) View(ctx context.Context, fn func(tx hkv.Tx) error) error {
	return hkv.View(ctx, db, fn)
}

func (db boltKV) Update(ctx context.Context, fn func(tx hkv.Tx) error) error {
	return hkv.Update(ctx, db, fn)
}

// boltWriteTx is a hidalgo write transaction whose Put and GetBatch find
// an existing bucket through bolt's cache and remember the last one:
// cayley writes and reads a bucket's keys in sorted runs, so most calls
// name the bucket of the call before.
type boltWriteTx struct {
	*hbolt.Tx
	raw *bolt.Tx

	lastName []byte       // the bucket name last looked up, nil for none
	last     *bolt.Bucket // its bucket
}

// bucket returns the top-level bucket called name, nil if there is none.
// Only an existing bucket is remembered.
func (tx *boltWriteTx) bucket(name []byte) *bolt.Bucket {
	if tx.lastName != nil && bytes.Equal(name, tx.lastName) {
		return tx.last
	}
	b := tx.raw.Bucket(name)
	if b != nil {
		tx.lastName, tx.last = append(tx.lastName[:0], name...), b
	}
	return b
}

func (tx *boltWriteTx) Put(ctx context.Context, k hkv.Key, v hkv.Value) error {
	if len(k) != 2 || len(k[1]) == 0 {
		return tx.Tx.Put(ctx, k, v)
	}
	b := tx.bucket(k[0])
	if b == nil {
		return tx.Tx.Put(ctx, k, v) // creates the bucket
	}
	return b.Put(k[1], v)
}

// GetBatch is hidalgo's GetBatch (the value of each key, nil where there
// is none) with the remembered bucket.
func (tx *boltWriteTx) GetBatch(ctx context.Context, keys []hkv.Key) ([]hkv.Value, error) {
	vals := make([]hkv.Value, len(keys))
	for i, k := range keys {
		if len(k) != 2 {
			v, err := tx.Tx.Get(ctx, k)
			if err != nil && !errors.Is(err, hkv.ErrNotFound) {
				return nil, err
			}
			vals[i] = v
			continue
		}
		if b := tx.bucket(k[0]); b != nil {
			vals[i] = b.Get(k[1])
		}
	}
	return vals, nil
}

// Del forgets the remembered bucket: the key deleted may be a bucket.
func (tx *boltWriteTx) Del(ctx context.Context, k hkv.Key) error {
	tx.lastName = nil
	return tx.Tx.Del(ctx, k)
}

// rawBoltTxOK reports whether hidalgo's bolt transaction is a struct
// holding only the *bolt.Tx it wraps, which rawBoltTx reads. hidalgo does
// not export it; if a new version changes the struct, boltKV's write
// transactions are hidalgo's own.
var rawBoltTxOK = func() bool {
	t := reflect.TypeOf(hbolt.Tx{})
	return t.NumField() == 1 && t.Field(0).Type == reflect.TypeOf((*bolt.Tx)(nil))
}()

// rawBoltTx returns the bolt transaction of tx; only if rawBoltTxOK.
func rawBoltTx(tx *hbolt.Tx) *bolt.Tx {
	return (*struct{ tx *bolt.Tx })(unsafe.Pointer(tx)).tx
}
