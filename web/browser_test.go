//go:build unix

package web

import (
	"bufio"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/kg-project/kg/internal/testenv"
)

// startBrowser starts headless Chromium and returns a DevTools client
// attached to a new blank page. The browser (its whole process group) is
// stopped when the test ends.
func startBrowser(t *testing.T, deadline time.Time) *cdp {
	t.Helper()
	bin := os.Getenv("KG_CHROMIUM")
	if bin == "" {
		bin = testenv.LookPath(t, "chromium", "chromium")
	}
	profile := t.TempDir() // removed after the browser is stopped
	cmd := exec.Command(bin,
		"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
		"--no-first-run", "--disable-background-networking",
		"--disable-component-update", "--disable-sync",
		"--disable-dev-shm-usage", "--window-size=1280,900",
		"--user-data-dir="+profile, "--remote-debugging-port=0", "about:blank")
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatalf("starting %s: %v", bin, err)
	}
	var once sync.Once
	stop := func() {
		once.Do(func() {
			// Chromium's helpers share its process group.
			syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
			cmd.Wait()
		})
	}
	t.Cleanup(stop)

	wsURL := make(chan string, 1)
	var logMu sync.Mutex
	var logTail []string
	go func() {
		sc := bufio.NewScanner(stderr)
		sent := false
		for sc.Scan() {
			line := sc.Text()
			if i := strings.Index(line, "ws://"); !sent && strings.Contains(line, "DevTools listening on") && i >= 0 {
				wsURL <- strings.TrimSpace(line[i:])
				sent = true
				continue
			}
			logMu.Lock()
			if len(logTail) < 50 {
				logTail = append(logTail, line)
			}
			logMu.Unlock()
		}
	}()
	var u string
	select {
	case u = <-wsURL:
	case <-time.After(20 * time.Second):
		logMu.Lock()
		defer logMu.Unlock()
		t.Fatalf("chromium did not start its DevTools server in 20s; its output:\n%s", strings.Join(logTail, "\n"))
	}
	ws, err := wsDial(u, 10*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ws.Close() })
	c := &cdp{ws: ws, deadline: deadline}
	var target struct {
		TargetID string `json:"targetId"`
	}
	if err := c.Call("Target.createTarget", map[string]any{"url": "about:blank"}, &target); err != nil {
		t.Fatal(err)
	}
	var att struct {
		SessionID string `json:"sessionId"`
	}
	if err := c.Call("Target.attachToTarget", map[string]any{"targetId": target.TargetID, "flatten": true}, &att); err != nil {
		t.Fatal(err)
	}
	c.session = att.SessionID
	return c
}

// screenshot saves a PNG of the page into dir.
func screenshot(t *testing.T, c *cdp, dir, name string) {
	t.Helper()
	var shot struct {
		Data string `json:"data"`
	}
	if err := c.Call("Page.captureScreenshot", map[string]any{"format": "png"}, &shot); err != nil {
		t.Fatal(err)
	}
	b, err := base64.StdEncoding.DecodeString(shot.Data)
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s (%d bytes)", p, len(b))
}

// JavaScript helpers run in the page.
const (
	// the editable Monaco editor of the current page (the query editor,
	// or the Write page's editor), as opposed to the read-only result view
	jsEditorArea = `document.querySelector('main .monaco-editor textarea.inputarea')`
	// the text of the live Monaco models in a language
	jsModels = `monaco.editor.getModels().filter(m => m.getModeId() === %q).map(m => m.getValue())`
)

func navItem(label string) string {
	return fmt.Sprintf(`[...document.querySelectorAll('.mdc-list-item')].find(e => e.textContent.trim() === %q)`, label)
}

func runButton() string {
	return `[...document.querySelectorAll('main button')].find(b => b.textContent.includes('Run'))`
}

// typeQuery replaces the editor's text by typing it, and checks the
// editor model got it.
func typeQuery(t *testing.T, c *cdp, lang, text string) {
	t.Helper()
	if err := c.WaitFor(jsEditorArea, 10*time.Second); err != nil {
		t.Fatal(err)
	}
	if err := c.Click(jsEditorArea + `.closest('.monaco-editor')`); err != nil {
		t.Fatal(err)
	}
	if err := c.Key("a", "KeyA", 65, 2, "selectAll"); err != nil {
		t.Fatal(err)
	}
	// Delete the selection first: typing over a selection may surround it.
	if err := c.Key("Backspace", "Backspace", 8, 0, "deleteBackward"); err != nil {
		t.Fatal(err)
	}
	if err := c.Call("Input.insertText", map[string]any{"text": text}, nil); err != nil {
		t.Fatal(err)
	}
	var vals []string
	if err := c.Eval(fmt.Sprintf(jsModels, lang), &vals); err != nil {
		t.Fatal(err)
	}
	for _, v := range vals {
		if v == text {
			return
		}
	}
	t.Fatalf("typed %q into the editor, but the %s models hold %q", text, lang, vals)
}

// TestBrowserUI opens the UI in headless Chromium, served on a random
// port, and uses its four pages: it types and runs a Gizmo query on the
// Query page, draws a graph on Visualize, asks for a query shape, and
// writes a quad. Screenshots go to $KG_WEB_SCREENSHOTS (or a temporary
// directory).
func TestBrowserUI(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping the browser test in -short mode")
	}
	deadline := time.Now().Add(50 * time.Second)
	srv, h := newServer(t, Config{})
	roSrv, roH := newServer(t, Config{ReadOnly: true})
	if strings.HasSuffix(srv.URL, ":64210") {
		t.Fatalf("test server on port 64210; the test must prove the UI follows its origin")
	}
	c := startBrowser(t, deadline)
	shots := os.Getenv("KG_WEB_SCREENSHOTS")
	if shots == "" {
		shots = t.TempDir()
	} else if err := os.MkdirAll(shots, 0o755); err != nil {
		t.Fatal(err)
	}

	// Every request the page makes must go to the test server.
	allowed := map[string]bool{}
	for _, s := range []string{srv.URL, roSrv.URL} {
		u, _ := url.Parse(s)
		allowed[u.Host] = true
	}
	var mu sync.Mutex
	var outside, failed, exceptions []string
	c.onEvent = func(method string, params json.RawMessage) {
		switch method {
		case "Network.requestWillBeSent":
			var p struct {
				Request struct {
					URL string `json:"url"`
				} `json:"request"`
			}
			json.Unmarshal(params, &p)
			if u, err := url.Parse(p.Request.URL); err == nil && (u.Scheme == "http" || u.Scheme == "https" || u.Scheme == "ws" || u.Scheme == "wss") && !allowed[u.Host] {
				mu.Lock()
				outside = append(outside, p.Request.URL)
				mu.Unlock()
			}
		case "Network.responseReceived":
			var p struct {
				Response struct {
					URL    string `json:"url"`
					Status int    `json:"status"`
				} `json:"response"`
			}
			json.Unmarshal(params, &p)
			// The read-only server's refusal of a write is expected.
			if p.Response.Status >= 400 && !(p.Response.Status == 403 && strings.HasSuffix(p.Response.URL, "/api/v2/write")) {
				mu.Lock()
				failed = append(failed, fmt.Sprintf("%s: %d", p.Response.URL, p.Response.Status))
				mu.Unlock()
			}
		case "Runtime.consoleAPICalled":
			var p struct {
				Type string `json:"type"`
				Args []struct {
					Value       any    `json:"value"`
					Description string `json:"description"`
				} `json:"args"`
			}
			json.Unmarshal(params, &p)
			if p.Type == "error" {
				var parts []string
				for _, a := range p.Args {
					parts = append(parts, fmt.Sprint(a.Value, a.Description))
				}
				mu.Lock()
				exceptions = append(exceptions, "console.error: "+strings.Join(parts, " "))
				mu.Unlock()
			}
		case "Runtime.exceptionThrown":
			var p struct {
				ExceptionDetails struct {
					Text      string `json:"text"`
					Exception struct {
						Description string `json:"description"`
					} `json:"exception"`
				} `json:"exceptionDetails"`
			}
			json.Unmarshal(params, &p)
			mu.Lock()
			exceptions = append(exceptions, p.ExceptionDetails.Text+" "+p.ExceptionDetails.Exception.Description)
			mu.Unlock()
		}
	}
	for _, m := range []string{"Page.enable", "Runtime.enable", "Network.enable"} {
		if err := c.Call(m, nil, nil); err != nil {
			t.Fatal(err)
		}
	}
	if err := c.Call("Page.navigate", map[string]any{"url": srv.URL + "/"}, nil); err != nil {
		t.Fatal(err)
	}

	// Query page: Monaco loads (no "Loading..." left), icons are the font.
	if err := c.WaitFor(`window.monaco && window.monaco.editor && document.querySelector('.QueryEditor .monaco-editor .view-lines')`, 20*time.Second); err != nil {
		screenshot(t, c, shots, "query-failed.png")
		t.Fatalf("the query editor is not Monaco: %v", err)
	}
	// The result view is a second Monaco editor; both must be loaded.
	if err := c.WaitFor(`!document.body.innerText.includes('Loading') && document.querySelectorAll('main .monaco-editor').length === 2`, 10*time.Second); err != nil {
		screenshot(t, c, shots, "query-failed.png")
		t.Errorf("the page still shows Loading… or lacks an editor: %v", err)
	}
	var icon struct {
		Loaded bool
		Width  float64
		Text   string
	}
	iconJS := `document.fonts.ready.then(() => { const i = document.querySelector('main button .material-icons');
		return {Loaded: [...document.fonts].some(f => f.family.replace(/"/g, '') === 'Material Icons' && f.status === 'loaded'),
		        Width: i ? i.getBoundingClientRect().width : -1, Text: i ? i.textContent : ''}; })`
	if err := c.Eval(iconJS, &icon); err != nil {
		t.Fatal(err)
	}
	// A ligature icon is one 24px glyph; unstyled, "play_circle_filled" is a long word.
	if !icon.Loaded || icon.Width <= 0 || icon.Width > 32 {
		t.Errorf("the Run button's icon %q is not drawn from the Material Icons font: loaded %v, %.0fpx wide", icon.Text, icon.Loaded, icon.Width)
	}

	const q = `g.V("<dani>").out("<follows>").all()`
	typeQuery(t, c, "javascript", q)
	if err := c.Click(runButton()); err != nil {
		t.Fatal(err)
	}
	results := fmt.Sprintf(jsModels, "json") + `.join('\n')`
	if err := c.WaitFor(results+`.includes('greg') && `+results+`.includes('bob')`, 10*time.Second); err != nil {
		var got []string
		c.Eval(fmt.Sprintf(jsModels, "json"), &got)
		screenshot(t, c, shots, "query-failed.png")
		t.Fatalf("the results of %s did not appear: %v; result views hold %q", q, err, got)
	}
	var res string
	c.Eval(results, &res)
	if strings.Contains(res, "error") || strings.Contains(res, "alice") {
		t.Errorf("results of %s: %s", q, res)
	}
	screenshot(t, c, shots, "query.png")

	// The other two languages, chosen in the page's language menu.
	langs := []struct{ lang, editor, q, want string }{
		{"graphql", "graphql", `{ nodes(id: <bob>) { id follows: <follows> } }`, "fred"},
		{"mql", "json", `[{"id": "<greg>", "<status>": null}]`, "cool_person"},
	}
	for _, l := range langs {
		choose := fmt.Sprintf(`(() => { const s = document.querySelector('main select');
			Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, 'value').set.call(s, %q);
			s.dispatchEvent(new Event('change', {bubbles: true})); return s.value; })()`, l.lang)
		var got string
		if err := c.Eval(choose, &got); err != nil || got != l.lang {
			t.Fatalf("choosing %s in the language menu: %q, %v", l.lang, got, err)
		}
		if err := c.WaitFor(fmt.Sprintf(`monaco.editor.getModels().some(m => m.getModeId() === %q)`, l.editor), 10*time.Second); err != nil {
			screenshot(t, c, shots, "lang-failed.png")
			t.Fatalf("the editor did not switch to %s: %v", l.editor, err)
		}
		typeQuery(t, c, l.editor, l.q)
		if err := c.Click(runButton()); err != nil {
			t.Fatal(err)
		}
		if err := c.WaitFor(results+fmt.Sprintf(`.includes(%q)`, l.want), 10*time.Second); err != nil {
			var got []string
			c.Eval(fmt.Sprintf(jsModels, "json"), &got)
			screenshot(t, c, shots, l.lang+"-failed.png")
			t.Fatalf("the %s results of %s did not appear: %v; result views hold %q", l.lang, l.q, err, got)
		}
	}
	screenshot(t, c, shots, "query-mql.png")
	// Back to Gizmo for the other pages.
	if err := c.Eval(`(() => { const s = document.querySelector('main select');
		Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, 'value').set.call(s, 'gizmo');
		s.dispatchEvent(new Event('change', {bubbles: true})); })()`, nil); err != nil {
		t.Fatal(err)
	}

	// Visualize: links between results tagged source and target.
	if err := c.Click(navItem("Visualize")); err != nil {
		t.Fatal(err)
	}
	typeQuery(t, c, "javascript", `g.V().tag("source").out("<follows>").tag("target").all()`)
	if err := c.Click(runButton()); err != nil {
		t.Fatal(err)
	}
	if err := c.WaitFor(`document.querySelectorAll('.graph svg line').length === 6 && document.querySelectorAll('.graph svg circle').length === 6`, 10*time.Second); err != nil {
		screenshot(t, c, shots, "visualize-failed.png")
		t.Fatalf("Visualize drew no graph of the 6 follows links between 6 people: %v", err)
	}
	time.Sleep(300 * time.Millisecond) // let the force layout settle a little
	screenshot(t, c, shots, "visualize.png")

	// Query Shape.
	if err := c.Click(navItem("Query Shape")); err != nil {
		t.Fatal(err)
	}
	typeQuery(t, c, "javascript", `g.V("<alice>").out("<follows>").all()`)
	if err := c.Click(runButton()); err != nil {
		t.Fatal(err)
	}
	if err := c.WaitFor(results+`.includes('QuadsAction') && `+results+`.includes('<alice>')`, 10*time.Second); err != nil {
		screenshot(t, c, shots, "shape-failed.png")
		t.Fatalf("Query Shape showed no shape: %v", err)
	}
	screenshot(t, c, shots, "shape.png")

	// Write.
	if err := c.Click(navItem("Write")); err != nil {
		t.Fatal(err)
	}
	const nq = `<erin> <follows> <alice> .`
	if err := c.WaitFor(jsEditorArea, 10*time.Second); err != nil {
		t.Fatal(err)
	}
	typeQuery(t, c, "plaintext", nq)
	if err := c.Click(runButton()); err != nil {
		t.Fatal(err)
	}
	if err := c.WaitFor(`(document.getElementById('kg-status') || {}).className === 'kg-ok'`, 10*time.Second); err != nil {
		screenshot(t, c, shots, "write-failed.png")
		t.Fatalf("the Write page reported no success: %v", err)
	}
	screenshot(t, c, shots, "write.png")
	st, err := h.QuadStore.Stats(t.Context(), true)
	if err != nil {
		t.Fatal(err)
	}
	if st.Quads.Value != int64(len(testQuads)+1) {
		t.Errorf("after writing %s from the Write page the store has %d quads, want %d", nq, st.Quads.Value, len(testQuads)+1)
	}

	// Write page, "Upload file": the page posts the chosen file.
	upload := filepath.Join(t.TempDir(), "more.nq")
	if err := os.WriteFile(upload, []byte("<erin> <follows> <bob> .\n<erin> <status> \"new\" .\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := c.Eval(`document.getElementById('kg-status').className = ''`, nil); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Root struct {
			NodeID int `json:"nodeId"`
		} `json:"root"`
	}
	if err := c.Call("DOM.getDocument", nil, &doc); err != nil {
		t.Fatal(err)
	}
	var input struct {
		NodeID int `json:"nodeId"`
	}
	if err := c.Call("DOM.querySelector", map[string]any{"nodeId": doc.Root.NodeID, "selector": "input[type=file]"}, &input); err != nil || input.NodeID == 0 {
		t.Fatalf("no file input on the Write page (err %v)", err)
	}
	if err := c.Call("DOM.setFileInputFiles", map[string]any{"nodeId": input.NodeID, "files": []string{upload}}, nil); err != nil {
		t.Fatal(err)
	}
	if err := c.WaitFor(`document.getElementById('kg-status').className === 'kg-ok'`, 10*time.Second); err != nil {
		screenshot(t, c, shots, "upload-failed.png")
		t.Fatalf("uploading a file from the Write page reported no success: %v", err)
	}
	if st, err := h.QuadStore.Stats(t.Context(), true); err != nil || st.Quads.Value != int64(len(testQuads)+3) {
		t.Errorf("after uploading 2 quads the store has %d quads (err %v), want %d", st.Quads.Value, err, len(testQuads)+3)
	}

	// Write on a read-only server: refused, and the page says so.
	if err := c.Call("Page.navigate", map[string]any{"url": roSrv.URL + "/"}, nil); err != nil {
		t.Fatal(err)
	}
	if err := c.WaitFor(`window.monaco && window.monaco.editor && `+navItem("Write"), 20*time.Second); err != nil {
		t.Fatal(err)
	}
	if err := c.Click(navItem("Write")); err != nil {
		t.Fatal(err)
	}
	typeQuery(t, c, "plaintext", nq)
	if err := c.Click(runButton()); err != nil {
		t.Fatal(err)
	}
	if err := c.WaitFor(`(document.getElementById('kg-status') || {}).className === 'kg-error' && document.getElementById('kg-status').textContent.includes('read-only')`, 10*time.Second); err != nil {
		screenshot(t, c, shots, "write-readonly-failed.png")
		t.Fatalf("the Write page did not report the read-only refusal: %v", err)
	}
	screenshot(t, c, shots, "write-readonly.png")
	if st, err := roH.QuadStore.Stats(t.Context(), true); err != nil || st.Quads.Value != int64(len(testQuads)) {
		t.Errorf("the read-only store has %d quads after a write from the page (err %v), want %d", st.Quads.Value, err, len(testQuads))
	}

	mu.Lock()
	defer mu.Unlock()
	if len(outside) > 0 {
		t.Errorf("the page made requests outside the test servers: %q", outside)
	}
	if len(failed) > 0 {
		t.Errorf("requests of the page failed: %q", failed)
	}
	if len(exceptions) > 0 {
		t.Errorf("uncaught exceptions in the page: %q", exceptions)
	}
}
