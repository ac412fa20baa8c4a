package web

// A minimal Chrome DevTools protocol client for the browser test: a
// websocket client (RFC 6455, client side, text frames only) and a
// synchronous command loop over one browser connection with flattened
// target sessions. Standard library only.

import (
	"bufio"
	"crypto/rand"
	"crypto/sha1"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"
)

const wsGUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"

// wsConn is a client websocket connection.
type wsConn struct {
	c  net.Conn
	br *bufio.Reader
}

func wsDial(rawURL string, timeout time.Duration) (*wsConn, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return nil, fmt.Errorf("websocket: %s: %w", rawURL, err)
	}
	if u.Scheme != "ws" {
		return nil, fmt.Errorf("websocket: %s: only ws:// is supported", rawURL)
	}
	c, err := net.DialTimeout("tcp", u.Host, timeout)
	if err != nil {
		return nil, fmt.Errorf("websocket: %w", err)
	}
	c.SetDeadline(time.Now().Add(timeout))
	var k [16]byte
	rand.Read(k[:])
	key := base64.StdEncoding.EncodeToString(k[:])
	req := "GET " + u.RequestURI() + " HTTP/1.1\r\nHost: " + u.Host +
		"\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " + key +
		"\r\nSec-WebSocket-Version: 13\r\n\r\n"
	if _, err := io.WriteString(c, req); err != nil {
		c.Close()
		return nil, fmt.Errorf("websocket: handshake: %w", err)
	}
	br := bufio.NewReaderSize(c, 1<<16)
	resp, err := http.ReadResponse(br, nil)
	if err != nil {
		c.Close()
		return nil, fmt.Errorf("websocket: handshake: %w", err)
	}
	resp.Body.Close()
	sum := sha1.Sum([]byte(key + wsGUID))
	if resp.StatusCode != http.StatusSwitchingProtocols ||
		resp.Header.Get("Sec-WebSocket-Accept") != base64.StdEncoding.EncodeToString(sum[:]) {
		c.Close()
		return nil, fmt.Errorf("websocket: handshake refused: %s", resp.Status)
	}
	c.SetDeadline(time.Time{})
	return &wsConn{c: c, br: br}, nil
}

func (w *wsConn) writeFrame(op byte, p []byte) error {
	hdr := []byte{0x80 | op}
	switch n := len(p); {
	case n < 126:
		hdr = append(hdr, 0x80|byte(n))
	case n < 1<<16:
		hdr = append(hdr, 0x80|126, byte(n>>8), byte(n))
	default:
		hdr = append(hdr, 0x80|127)
		hdr = binary.BigEndian.AppendUint64(hdr, uint64(n))
	}
	var mask [4]byte
	rand.Read(mask[:])
	hdr = append(hdr, mask[:]...)
	buf := make([]byte, len(hdr)+len(p))
	copy(buf, hdr)
	for i, b := range p {
		buf[len(hdr)+i] = b ^ mask[i%4]
	}
	_, err := w.c.Write(buf)
	return err
}

// WriteText sends one text message.
func (w *wsConn) WriteText(p []byte) error { return w.writeFrame(0x1, p) }

// ReadMessage returns the next text or binary message, answering pings.
func (w *wsConn) ReadMessage(deadline time.Time) ([]byte, error) {
	w.c.SetReadDeadline(deadline)
	var msg []byte
	for {
		var h [2]byte
		if _, err := io.ReadFull(w.br, h[:]); err != nil {
			return nil, err
		}
		fin, op := h[0]&0x80 != 0, h[0]&0x0f
		n := uint64(h[1] & 0x7f)
		switch n {
		case 126:
			var b [2]byte
			if _, err := io.ReadFull(w.br, b[:]); err != nil {
				return nil, err
			}
			n = uint64(binary.BigEndian.Uint16(b[:]))
		case 127:
			var b [8]byte
			if _, err := io.ReadFull(w.br, b[:]); err != nil {
				return nil, err
			}
			n = binary.BigEndian.Uint64(b[:])
		}
		if n > 256<<20 {
			return nil, fmt.Errorf("websocket: frame of %d bytes", n)
		}
		var mask []byte
		if h[1]&0x80 != 0 {
			mask = make([]byte, 4)
			if _, err := io.ReadFull(w.br, mask); err != nil {
				return nil, err
			}
		}
		p := make([]byte, n)
		if _, err := io.ReadFull(w.br, p); err != nil {
			return nil, err
		}
		if mask != nil {
			for i := range p {
				p[i] ^= mask[i%4]
			}
		}
		switch op {
		case 0x8: // close
			return nil, io.EOF
		case 0x9: // ping
			if err := w.writeFrame(0xA, p); err != nil {
				return nil, err
			}
			continue
		case 0xA: // pong
			continue
		}
		msg = append(msg, p...)
		if fin {
			return msg, nil
		}
	}
}

func (w *wsConn) Close() error {
	w.writeFrame(0x8, nil)
	return w.c.Close()
}

// cdp is a DevTools protocol client over the browser's websocket.
type cdp struct {
	ws       *wsConn
	id       int
	session  string
	deadline time.Time
	onEvent  func(method string, params json.RawMessage)
}

type cdpError struct {
	Code    int    `json:"code"`
	Message string `json:"message"`
}

// Call sends a command (to the attached page when a session is set) and
// waits for its answer, handing events that arrive meanwhile to onEvent.
func (c *cdp) Call(method string, params any, result any) error {
	c.id++
	id := c.id
	req := map[string]any{"id": id, "method": method}
	if params != nil {
		req["params"] = params
	}
	if c.session != "" && !strings.HasPrefix(method, "Target.") && !strings.HasPrefix(method, "Browser.") {
		req["sessionId"] = c.session
	}
	b, err := json.Marshal(req)
	if err != nil {
		return err
	}
	if err := c.ws.WriteText(b); err != nil {
		return fmt.Errorf("cdp %s: %w", method, err)
	}
	for {
		msg, err := c.ws.ReadMessage(c.deadline)
		if err != nil {
			return fmt.Errorf("cdp %s: %w", method, err)
		}
		var m struct {
			ID     int             `json:"id"`
			Method string          `json:"method"`
			Params json.RawMessage `json:"params"`
			Result json.RawMessage `json:"result"`
			Error  *cdpError       `json:"error"`
		}
		if err := json.Unmarshal(msg, &m); err != nil {
			return fmt.Errorf("cdp %s: %w", method, err)
		}
		if m.Method != "" {
			if c.onEvent != nil {
				c.onEvent(m.Method, m.Params)
			}
			continue
		}
		if m.ID != id {
			continue
		}
		if m.Error != nil {
			return fmt.Errorf("cdp %s: %s (%d)", method, m.Error.Message, m.Error.Code)
		}
		if result != nil {
			return json.Unmarshal(m.Result, result)
		}
		return nil
	}
}

// Eval evaluates a JavaScript expression in the page, awaiting promises,
// and decodes its value into out (if not nil).
func (c *cdp) Eval(expr string, out any) error {
	var r struct {
		Result struct {
			Value json.RawMessage `json:"value"`
		} `json:"result"`
		ExceptionDetails *struct {
			Text      string `json:"text"`
			Exception struct {
				Description string `json:"description"`
			} `json:"exception"`
		} `json:"exceptionDetails"`
	}
	err := c.Call("Runtime.evaluate", map[string]any{
		"expression": expr, "returnByValue": true, "awaitPromise": true,
	}, &r)
	if err != nil {
		return err
	}
	if e := r.ExceptionDetails; e != nil {
		return fmt.Errorf("evaluating %q: %s %s", expr, e.Text, e.Exception.Description)
	}
	if out != nil && len(r.Result.Value) > 0 {
		return json.Unmarshal(r.Result.Value, out)
	}
	return nil
}

var errTimeout = errors.New("timed out")

// WaitFor evaluates a boolean expression until it is true.
func (c *cdp) WaitFor(expr string, timeout time.Duration) error {
	end := time.Now().Add(timeout)
	for {
		var ok bool
		if err := c.Eval("!!("+expr+")", &ok); err != nil {
			return err
		}
		if ok {
			return nil
		}
		if time.Now().After(end) {
			return fmt.Errorf("waiting for %s: %w", expr, errTimeout)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// Click clicks with the mouse at the centre of the first element matching
// a JavaScript expression that yields an element.
func (c *cdp) Click(elemExpr string) error {
	var pt struct{ X, Y float64 }
	expr := "(() => { const e = " + elemExpr + "; if (!e) return null; e.scrollIntoView({block: 'center'}); " +
		"const r = e.getBoundingClientRect(); return {X: r.x + r.width / 2, Y: r.y + r.height / 2}; })()"
	if err := c.Eval(expr, &pt); err != nil {
		return err
	}
	if pt.X == 0 && pt.Y == 0 {
		return fmt.Errorf("click: no element %s", elemExpr)
	}
	for _, typ := range []string{"mouseMoved", "mousePressed", "mouseReleased"} {
		p := map[string]any{"type": typ, "x": pt.X, "y": pt.Y}
		if typ != "mouseMoved" {
			p["button"] = "left"
			p["clickCount"] = 1
		}
		if err := c.Call("Input.dispatchMouseEvent", p, nil); err != nil {
			return err
		}
	}
	return nil
}

// Key presses a key with modifiers (2 = Ctrl) and optional editing commands.
func (c *cdp) Key(key, code string, vk int, modifiers int, commands ...string) error {
	for _, typ := range []string{"rawKeyDown", "keyUp"} {
		p := map[string]any{"type": typ, "key": key, "code": code,
			"windowsVirtualKeyCode": vk, "nativeVirtualKeyCode": vk, "modifiers": modifiers}
		if typ == "rawKeyDown" && len(commands) > 0 {
			p["commands"] = commands
		}
		if err := c.Call("Input.dispatchKeyEvent", p, nil); err != nil {
			return err
		}
	}
	return nil
}
