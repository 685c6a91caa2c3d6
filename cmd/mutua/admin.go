package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"strings"
)

// admin runs instance administration commands.
func (m *Main) admin(ctx context.Context, args []string) error {
	if len(args) == 0 {
		return errors.New("admin: name a command: create-operator")
	}
	switch args[0] {
	case "create-operator":
		return m.createOperator(ctx, args[1:])
	}
	return fmt.Errorf("admin: unknown command %q (try: create-operator)", args[0])
}

// createOperator creates the instance operator, or promotes an existing
// account and resets its password. The password comes from a file or the
// first line of standard input, never from a flag, so it stays out of shell
// history and process lists.
func (m *Main) createOperator(ctx context.Context, args []string) error {
	var email, name, pwFile string
	cfg, err := m.loadConfig("admin create-operator", args, func(fs *flag.FlagSet) {
		fs.StringVar(&email, "email", "", "the operator's email (required)")
		fs.StringVar(&name, "name", "Operator", "the operator's name")
		fs.StringVar(&pwFile, "password-file", "", "file holding the password; standard input when empty")
	})
	if err != nil {
		return err
	}
	if email == "" {
		return errors.New("admin create-operator: -email is required")
	}
	password, err := m.readPassword(pwFile)
	if err != nil {
		return err
	}
	log := cfg.Logger(m.Stderr)
	st, err := openStore(ctx, cfg, log, !cfg.NoMigrate)
	if err != nil {
		return err
	}
	defer st.Close()
	u, err := newService(st, cfg, log, nil).CreateOperator(ctx, email, password, name)
	if err != nil {
		return fmt.Errorf("admin create-operator: %w", err)
	}
	fmt.Fprintf(m.Stdout, "operator %s (id %d) is ready\n", u.Email, u.ID)
	return nil
}

func (m *Main) readPassword(path string) (string, error) {
	if path != "" {
		b, err := os.ReadFile(path)
		if err != nil {
			return "", fmt.Errorf("admin create-operator: %w", err)
		}
		return strings.TrimRight(string(b), "\r\n"), nil
	}
	line, err := bufio.NewReader(m.Stdin).ReadString('\n')
	if err != nil && line == "" {
		return "", errors.New("admin create-operator: give the password on standard input or with -password-file")
	}
	return strings.TrimRight(line, "\r\n"), nil
}
