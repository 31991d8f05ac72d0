/* pb-test-ui.h: helpers for the UI tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Until @widget is drawn and every pending main-loop event has run. */
void  pb_test_wait_for_draw    (GtkWidget  *widget);
/* Saves @widget as it is drawn to "@name.png" in $PB_TEST_ARTEFACTS, when
 * that is set. */
void  pb_test_save_screenshot  (GtkWidget  *widget,
                                const char *name);

G_END_DECLS
