package repo_test

import (
	"bufio"
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"sdelka/model"
	"sdelka/repo"
)

// killEnv names the database TestKillChild writes to; TestKillChild does
// nothing unless it is set.
const killEnv = "SDELKA_KILL_DB"

// TestKillDuringWrites kills a writing process at random moments: every write
// it reported as saved must survive and the database must stay healthy.
func TestKillDuringWrites(t *testing.T) {
	if testing.Short() {
		t.Skip("kills child processes for several seconds")
	}
	if runtime.GOOS == "windows" {
		t.Skip("SIGKILL is a Unix signal")
	}
	t.Parallel()
	path := filepath.Join(t.TempDir(), "kill.db")
	s := openStore(t, path, nil)
	setupAdmin(t, s)
	closeStore(t, s)

	seed := uint64(time.Now().UnixNano())
	t.Logf("seed %d", seed)
	rng := rand.New(rand.NewPCG(seed, 0x5DEECE66D))

	reported := map[string]int64{} // id → highest version reported saved
	const rounds = 20
	for round := 1; round <= rounds; round++ {
		lines := runAndKill(t, path, 30*time.Millisecond+time.Duration(rng.Int64N(int64(270*time.Millisecond))))
		for _, l := range lines {
			id, v := l.id, l.version
			reported[id] = max(reported[id], v)
		}

		s := openStore(t, path, nil)
		ss := s.Session(repo.System)
		for id, v := range reported {
			c, err := ss.FindCustomerByID(t.Context(), id)
			if err != nil {
				t.Fatalf("round %d: customer %s reported saved at version %d: %v", round, id, v, err)
			}
			if c.Version < v {
				t.Fatalf("round %d: customer %s: got version %d, but version %d was reported saved", round, id, c.Version, v)
			}
		}
		n, err := ss.CountCustomers(t.Context(), model.CustomerFilter{})
		if err != nil {
			t.Fatal(err)
		}
		if n < len(reported) {
			t.Fatalf("round %d: %d customers stored, %d reported", round, n, len(reported))
		}
		mustCheck(t, s)
		closeStore(t, s)
		t.Logf("round %d: %d writes reported, %d customers stored", round, len(lines), n)
	}
	if len(reported) == 0 {
		t.Fatal("no child reported a write: the test proved nothing")
	}
}

type savedLine struct {
	id      string
	version int64
}

// runAndKill starts TestKillChild on path, kills it with SIGKILL after d and
// returns the writes it reported.
func runAndKill(t *testing.T, path string, d time.Duration) []savedLine {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestKillChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), killEnv+"="+path)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var (
		mu    sync.Mutex
		saved []savedLine
		other []string
		done  = make(chan struct{})
		ready = make(chan struct{})
	)
	go func() {
		defer close(done)
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			if sc.Text() == "ready" {
				close(ready)
				continue
			}
			f := strings.Fields(sc.Text())
			mu.Lock()
			if len(f) == 3 && f[0] == "ok" {
				v, err := strconv.ParseInt(f[2], 10, 64)
				if err == nil {
					saved = append(saved, savedLine{f[1], v})
					mu.Unlock()
					continue
				}
			}
			other = append(other, sc.Text())
			mu.Unlock()
		}
	}()
	// The moment of the kill counts from the child's store being open, so
	// that a slow start on a loaded machine does not use up the window.
	select {
	case <-ready:
	case <-done:
	case <-time.After(time.Minute):
		t.Log("the child did not open the store within a minute")
	}
	time.Sleep(d)
	if err := cmd.Process.Kill(); err != nil { // SIGKILL on Unix
		t.Fatalf("kill: %v", err)
	}
	<-done
	err = cmd.Wait()
	mu.Lock()
	defer mu.Unlock()
	if cmd.ProcessState.Exited() {
		// It ended by itself before the kill: it failed.
		t.Fatalf("child exited by itself (%v):\n%s\n%s", err, strings.Join(other, "\n"), stderr.String())
	}
	return saved
}

// TestKillChild is the writing process of TestKillDuringWrites: it creates and
// updates customers until it is killed, printing "ok <id> <version>" after
// each commit.
func TestKillChild(t *testing.T) {
	path := os.Getenv(killEnv)
	if path == "" {
		t.Skip("run by TestKillDuringWrites")
	}
	s, err := repo.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	ss := s.Session(repo.System)
	users, err := ss.FindUsers(t.Context())
	if err != nil || len(users) == 0 {
		t.Fatalf("users: %v, %v", users, err)
	}
	owner := users[0].ID
	fmt.Println("ready")
	deadline := time.Now().Add(time.Minute) // in case the parent dies
	for i := 0; time.Now().Before(deadline); i++ {
		c, err := ss.CreateCustomer(t.Context(), model.Customer{
			Name: fmt.Sprintf("ООО «Процесс %d, запись %d»", os.Getpid(), i), INN: "7707083893", OwnerID: owner,
		})
		if err != nil {
			t.Fatal(err)
		}
		fmt.Println("ok", c.ID, c.Version)
		for k := range 3 {
			c.Note = strings.Repeat("заметка ", k*50+1)
			if c, err = ss.UpdateCustomer(t.Context(), c); err != nil {
				t.Fatal(err)
			}
			fmt.Println("ok", c.ID, c.Version)
		}
	}
	t.Fatal("not killed within a minute")
}
