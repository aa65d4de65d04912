package queue

import (
	"fmt"
	"time"

	"github.com/nats-io/nats-server/v2/server"
)

// Server is a NATS server with JetStream run inside this process: for
// tests and benchmarks, and for a machine that wants workers without
// running nats-server itself.
type Server struct {
	s *server.Server
}

// StartServer starts a server on a free loopback port, keeping its
// streams under dir.
func StartServer(dir string) (*Server, error) {
	s, err := server.NewServer(&server.Options{
		Host:      "127.0.0.1",
		Port:      -1,
		JetStream: true,
		StoreDir:  dir,
		NoSigs:    true,
		// Pages as jobs: a few MB compressed at most.
		MaxPayload: 8 << 20,
	})
	if err != nil {
		return nil, fmt.Errorf("nats server: %w", err)
	}
	s.Start()
	if !s.ReadyForConnections(10 * time.Second) {
		s.Shutdown()
		return nil, fmt.Errorf("nats server: not ready after 10s")
	}
	return &Server{s: s}, nil
}

// URL is where clients connect.
func (s *Server) URL() string { return s.s.ClientURL() }

// Stop shuts the server down.
func (s *Server) Stop() {
	s.s.Shutdown()
	s.s.WaitForShutdown()
}
