package store

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/boltdb/bolt"
	"github.com/cayleygraph/cayley/graph/proto"
	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/pquads"
	"google.golang.org/protobuf/encoding/protowire"
)

// readTxs lends read transactions of a bolt file to plannedStore's reads.
//
// A saved query reads bolt a few thousand times (an index key, a quad, a
// node value), and a read transaction of its own for each read cost more
// than the read: bolt takes two locks and copies its meta page to begin
// one, and each read then finds its bucket from the root again and grows a
// new cursor's stack. A transaction lent here is kept for the next read
// for up to readTxAge, with its buckets and cursors, so a query's reads
// share a few transactions.
//
// A kept transaction must not hide a write or stall one:
//   - every write through the store (plannedStore.ApplyDeltas) moves the
//     pool to a new generation as it starts and again as it ends, and only
//     a transaction begun while no write ran, of the current generation, is
//     lent again: so no write began since it did, and a read never sees the
//     store from before a write that ended before the read began (nor,
//     in one goroutine, older data than a read before it);
//   - transactions are kept only while bolt's memory map cannot move
//     (mapFixed): a write that moves the map waits for every open read
//     transaction. Otherwise each read has a transaction of its own, as
//     before;
//   - idle transactions are rolled back readTxAge after they were begun,
//     so that bolt can reuse the pages that writes free.
//
// A transaction is used by one goroutine at a time.
type readTxs struct {
	db      *bolt.DB
	bigMap  bool
	gen     atomic.Uint64
	writing atomic.Int64 // writes in progress

	mu       sync.Mutex
	idle     []*readTx
	sweeping bool // a sweep is scheduled
	closed   bool
}

// readTxAge is how long a transaction is lent out again after it began.
const readTxAge = 20 * time.Millisecond

// errStoreClosed is returned by reads of a closed store.
var errStoreClosed = errors.New("store is closed")

func newReadTxs(db *bolt.DB, bigMap bool) *readTxs {
	return &readTxs{db: db, bigMap: bigMap}
}

// A readTx is a read transaction with the buckets and cursors it opened.
type readTx struct {
	tx   *bolt.Tx
	gen  uint64
	born time.Time
	keep bool // may go back to the pool
	open []openBucket
	// values caches node values read in this transaction: a query's
	// rows name the same predicates, entities and sentences again and
	// again, and what a transaction reads does not change.
	values map[uint64]quad.Value
}

// maxCachedValues bounds a transaction's cache of node values.
const maxCachedValues = 1 << 13

type openBucket struct {
	name []byte
	b    *bolt.Bucket // nil if the file has no such bucket
	c    *bolt.Cursor
}

// view calls fn with a read transaction.
func (p *readTxs) view(fn func(t *readTx) error) error {
	t, err := p.get()
	if err != nil {
		return err
	}
	err = fn(t)
	p.put(t)
	return err
}

func (p *readTxs) get() (*readTx, error) {
	p.mu.Lock()
	if p.closed {
		p.mu.Unlock()
		return nil, errStoreClosed
	}
	gen := p.gen.Load()
	for len(p.idle) > 0 {
		t := p.idle[len(p.idle)-1]
		p.idle = p.idle[:len(p.idle)-1]
		if t.gen == gen && time.Since(t.born) < readTxAge {
			p.mu.Unlock()
			return t, nil
		}
		t.tx.Rollback()
	}
	p.mu.Unlock()
	// gen is read before the transaction begins, and writes bump it
	// after they count themselves in writing: if a write was running at
	// this point, or starts before the transaction begins, the
	// transaction is not kept.
	keep := p.writing.Load() == 0
	tx, err := p.db.Begin(false)
	if err != nil {
		return nil, err
	}
	return &readTx{tx: tx, gen: gen, born: time.Now(), keep: keep && mapFixed(p.db, p.bigMap)}, nil
}

func (p *readTxs) put(t *readTx) {
	if !t.keep {
		t.tx.Rollback()
		return
	}
	p.mu.Lock()
	if p.closed || t.gen != p.gen.Load() || time.Since(t.born) >= readTxAge {
		p.mu.Unlock()
		t.tx.Rollback()
		return
	}
	p.idle = append(p.idle, t)
	if !p.sweeping {
		p.sweeping = true
		time.AfterFunc(readTxAge, p.sweep)
	}
	p.mu.Unlock()
}

// sweep rolls back the idle transactions that are too old or of an older
// generation, and comes back while any stay idle.
func (p *readTxs) sweep() {
	p.mu.Lock()
	defer p.mu.Unlock()
	gen := p.gen.Load()
	keep := p.idle[:0]
	for _, t := range p.idle {
		if t.gen == gen && time.Since(t.born) < readTxAge {
			keep = append(keep, t)
		} else {
			t.tx.Rollback()
		}
	}
	clear(p.idle[len(keep):])
	p.idle = keep
	if len(p.idle) > 0 && !p.closed {
		time.AfterFunc(readTxAge, p.sweep)
	} else {
		p.sweeping = false
	}
}

// writeStarts and writeEnds bracket every write: transactions begun
// before or during it are not lent again.
func (p *readTxs) writeStarts() {
	p.writing.Add(1)
	p.gen.Add(1)
}

func (p *readTxs) writeEnds() {
	p.gen.Add(1)
	p.writing.Add(-1)
}

// close rolls back the idle transactions and lends no more. Reads still
// running must end before the file is closed.
func (p *readTxs) close() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.closed = true
	for _, t := range p.idle {
		t.tx.Rollback()
	}
	p.idle = nil
}

// bucket returns the bucket named name and a cursor on it, opened once
// per transaction; b is nil if the file has no such bucket.
func (t *readTx) bucket(name []byte) (b *bolt.Bucket, c *bolt.Cursor) {
	for _, o := range t.open {
		if bytes.Equal(o.name, name) {
			return o.b, o.c
		}
	}
	if b = t.tx.Bucket(name); b != nil {
		c = b.Cursor()
	}
	t.open = append(t.open, openBucket{name: name, b: b, c: c})
	return b, c
}

// get is Bucket.Get through the transaction's cursor on the bucket, whose
// stack is reused from one read to the next.
func (t *readTx) get(bucket, key []byte) ([]byte, bool) {
	_, c := t.bucket(bucket)
	if c == nil {
		return nil, false
	}
	k, v := c.Seek(key)
	if k == nil || !bytes.Equal(k, key) || v == nil {
		return nil, true
	}
	return v, true
}

// logEntry reads quad or node id from cayley's log into p, and reports
// whether the log has it.
func (t *readTx) logEntry(id uint64, p *proto.Primitive) (bool, error) {
	var key [8]byte
	binary.BigEndian.PutUint64(key[:], id)
	e, ok := t.get(logBucket, key[:])
	if !ok {
		return false, fmt.Errorf("no quad log in the store")
	}
	if e == nil {
		return false, nil
	}
	if err := decodePrimitive(e, p); err != nil {
		return false, fmt.Errorf("entry %d of the quad log: %w", id, err)
	}
	return true, nil
}

// nodeValue returns the value of node id, or nil if the log has no node
// with that id.
func (t *readTx) nodeValue(id uint64) (quad.Value, error) {
	if v, ok := t.values[id]; ok {
		return v, nil
	}
	var p proto.Primitive
	found, err := t.logEntry(id, &p)
	if err != nil {
		return nil, err
	}
	var v quad.Value
	if found && p.IsNode() {
		if v, err = pquads.UnmarshalValue(p.Value); err != nil {
			return nil, err
		}
	}
	if t.values == nil || len(t.values) >= maxCachedValues {
		t.values = make(map[uint64]quad.Value)
	}
	t.values[id] = v
	return v, nil
}

// decodePrimitive decodes a quad or node of cayley's log (a proto.Primitive
// message) into p, as proto.Unmarshal does, without its reflection: the
// generic decoder took a fifth of a saved query's time. The field numbers
// are those of cayley's graph/proto/primitive.proto; the Value bytes are
// copied (v may be bolt's memory map). Unknown fields are skipped.
func decodePrimitive(v []byte, p *proto.Primitive) error {
	*p = proto.Primitive{}
	for len(v) > 0 {
		num, typ, n := protowire.ConsumeTag(v)
		if n < 0 {
			return protowire.ParseError(n)
		}
		if num > protowire.MaxValidNumber {
			return fmt.Errorf("field number %d out of range", num)
		}
		v = v[n:]
		if typ == protowire.VarintType && num >= 1 && num <= 9 && num != 8 {
			x, n := protowire.ConsumeVarint(v)
			if n < 0 {
				return protowire.ParseError(n)
			}
			v = v[n:]
			switch num {
			case 1:
				p.ID = x
			case 2:
				p.Subject = x
			case 3:
				p.Predicate = x
			case 4:
				p.Object = x
			case 5:
				p.Label = x
			case 6:
				p.Replaces = x
			case 7:
				p.Timestamp = int64(x)
			case 9:
				p.Deleted = protowire.DecodeBool(x)
			}
			continue
		}
		if typ == protowire.BytesType && num == 8 {
			b, n := protowire.ConsumeBytes(v)
			if n < 0 {
				return protowire.ParseError(n)
			}
			v = v[n:]
			p.Value = append([]byte(nil), b...)
			continue
		}
		n = protowire.ConsumeFieldValue(num, typ, v)
		if n < 0 {
			return protowire.ParseError(n)
		}
		v = v[n:]
	}
	return nil
}
