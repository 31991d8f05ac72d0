/* pb-test-ui.h: helpers for the UI tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Until @widget is drawn and every pending main-loop event has run. */
void  pb_test_wait_for_draw    (GtkWidget  *widget);
/* Runs the main loop until @instance emits @detailed_signal (a signal,
 * or "notify::property"); fails the test after 30 seconds. */
void  pb_test_wait_for_signal  (gpointer    instance,
                                const char *detailed_signal);
/* Until @condition holds, checked each time @instance emits
 * @detailed_signal: what a test waits on is a notification, not time. */
#define PB_TEST_WAIT_UNTIL(instance, detailed_signal, condition) G_STMT_START { \
    while (!(condition))                                                        \
      pb_test_wait_for_signal ((instance), (detailed_signal));                  \
  } G_STMT_END
/* Until @object is finalized. */
void  pb_test_wait_for_finalize (gpointer   object);
/* Saves @widget as it is drawn to "@name.png" in $PB_TEST_ARTEFACTS, when
 * that is set. */
void  pb_test_save_screenshot  (GtkWidget  *widget,
                                const char *name);
/* gtk_init(), or, when no display can be opened, the TAP plan
 * "1..0 # SKIP" with the reason and exit status 0: meson reports the
 * program as skipped (a TAP program's exit status 77 would be an error),
 * where GTK would have aborted it. */
void  pb_test_init_display     (void);

/* What a key press does to @widget's key controllers (GTK 4.8 tests
 * cannot send real key events; tests/keyboard.sh does, with xdotool). */
gboolean pb_test_press_key        (GtkWidget       *widget,
                                   guint            keyval,
                                   GdkModifierType  state);
/* Runs @widget's key binding (class shortcut) for @keyval with @state. */
gboolean pb_test_activate_binding (GtkWidget       *widget,
                                   guint            keyval,
                                   GdkModifierType  state);

G_END_DECLS
