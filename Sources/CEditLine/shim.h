// libedit's native API (histedit.h) for Swift. el_set, el_get and history are variadic, which
// Swift cannot call, so each call shape the line editor needs gets a fixed-arity wrapper here.
// Never include <readline/readline.h>: that is GNU readline, also installed on some machines.
#ifndef ARAZZO_CEDITLINE_SHIM_H
#define ARAZZO_CEDITLINE_SHIM_H
#include <stdio.h>
#include <histedit.h>

/// The prompt callback libedit calls on every redraw; it must return a buffer that stays valid.
typedef char *(*cel_prompt_fn)(EditLine *);
/// A named editor function, bound to keys with cel_bind.
typedef unsigned char (*cel_editor_fn)(EditLine *, int);

/// el_init on the standard streams, so Swift never touches the `stdin`/`stdout` globals.
static inline EditLine *cel_init(const char *program) {
  return el_init(program, stdin, stdout, stderr);
}

/// Makes standard output line-buffered (call before any output), so that piped stdout and
/// stderr interleave in program order.
static inline void cel_line_buffer_stdout(void) {
  setvbuf(stdout, NULL, _IOLBF, 0);
}

/// The prompt; bytes between two `ignore` characters are printed but take no columns (colour).
static inline int cel_set_prompt(EditLine *e, cel_prompt_fn prompt, char ignore) {
  return el_set(e, EL_PROMPT_ESC, prompt, ignore);
}

/// emacs key bindings.
static inline int cel_set_emacs(EditLine *e) {
  return el_set(e, EL_EDITOR, "emacs");
}

/// Switches the terminal to editing mode now. el_gets prints the prompt before it does this, so
/// a key pressed just after the prompt showed would still meet line mode (and a ^D be lost).
static inline int cel_prepare_terminal(EditLine *e) {
  return el_set(e, EL_PREP_TERM, 1);
}

/// Lets libedit restore the terminal around signals (Ctrl-C, Ctrl-Z, window resizes).
static inline int cel_set_signal(EditLine *e, int on) {
  return el_set(e, EL_SIGNAL, on);
}

/// The client-data slot: a pointer back to the Swift object that owns the editor.
static inline int cel_set_clientdata(EditLine *e, void *data) {
  return el_set(e, EL_CLIENTDATA, data);
}

static inline void *cel_get_clientdata(EditLine *e) {
  void *data = NULL;
  if (el_get(e, EL_CLIENTDATA, &data) != 0) return NULL;
  return data;
}

/// Registers `fn` under `name` (with a help text) for cel_bind.
static inline int cel_add_function(EditLine *e, const char *name, const char *help, cel_editor_fn fn) {
  return el_set(e, EL_ADDFN, name, help, fn);
}

/// Binds a key sequence such as "^I" to a named editor function.
static inline int cel_bind(EditLine *e, const char *key, const char *name) {
  return el_set(e, EL_BIND, key, name, (const char *)NULL);
}

/// Makes Up and Down walk `h`.
static inline int cel_set_history(EditLine *e, History *h) {
  return el_set(e, EL_HIST, history, h);
}

/// Keeps at most `size` entries.
static inline int cel_history_setsize(History *h, int size) {
  HistEvent ev;
  return history(h, &ev, H_SETSIZE, size);
}

/// Drops an entry equal to the one before it.
static inline int cel_history_setunique(History *h, int on) {
  HistEvent ev;
  return history(h, &ev, H_SETUNIQUE, on);
}

static inline int cel_history_enter(History *h, const char *line) {
  HistEvent ev;
  return history(h, &ev, H_ENTER, line);
}

/// Reads a history file (libedit's own format: `_HiStOrY_V2_`, then vis-encoded lines).
static inline int cel_history_load(History *h, const char *path) {
  HistEvent ev;
  return history(h, &ev, H_LOAD, path);
}

/// Writes the history file (libedit creates it with mode 0600).
static inline int cel_history_save(History *h, const char *path) {
  HistEvent ev;
  return history(h, &ev, H_SAVE, path);
}

#endif
