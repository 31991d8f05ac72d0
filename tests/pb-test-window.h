/* pb-test-window.h: the window test programs' fixture and helpers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pb-application.h"
#include "pb-choice-button.h"
#include "pb-test-ui.h"
#include "pb-window.h"

G_BEGIN_DECLS

/* One application for the whole program, as in a real session; each test
 * activates it on a store of its own and closes its window at the end. */
extern PbApplication *pb_test_application;

typedef struct
{
  char     *dir;
  char     *store_path;
  PbWindow *window;
} PbTestWindowFixture;

/* g_test_init() with isolated folders, a display (or a skip), the
 * application registered. */
void            pb_test_window_init              (int                 *argc,
                                                  char              ***argv);
/* g_test_run(), then the application goes. */
int             pb_test_window_run               (void);

void            pb_test_window_set_up            (PbTestWindowFixture *fixture,
                                                  gconstpointer        user_data);
void            pb_test_window_tear_down         (PbTestWindowFixture *fixture,
                                                  gconstpointer        user_data);
#define PB_TEST_WINDOW_ADD(path, func) \
  g_test_add (path, PbTestWindowFixture, NULL, pb_test_window_set_up, func, pb_test_window_tear_down)

/* Activates the application on the fixture's store; the window it opens,
 * drawn. */
PbWindow       *pb_test_window_open              (PbTestWindowFixture *fixture);
/* Destroys the window once its writes are done; the store goes with it. */
void            pb_test_window_close             (PbTestWindowFixture *fixture);
/* Opens the window on an empty store and loads the worked example the
 * way a new user would: from the first-run page. */
PbWindow       *pb_test_window_open_worked_example (PbTestWindowFixture *fixture);
/* Until the window has recomputed checks and preview after an edit. */
void            pb_test_window_wait_refreshed    (PbWindow            *window);
/* Until no store write of the window is pending. */
void            pb_test_window_wait_idle         (PbWindow            *window);

GtkWidget      *pb_test_window_child             (PbWindow            *window,
                                                  const char          *name);
const char     *pb_test_window_page              (PbWindow            *window);
/* Whether an action can be used, as a button bound to it would show it. */
gboolean        pb_test_action_enabled           (PbWindow            *window,
                                                  const char          *name);
GtkWidget      *pb_test_find_button              (GtkWidget           *widget,
                                                  const char          *label);
/* The label at or below @widget whose text has @part in it, or NULL. */
GtkLabel       *pb_test_find_label               (GtkWidget           *widget,
                                                  const char          *part);
/* The first descendant of @widget of @type. */
GtkWidget      *pb_test_find_widget              (GtkWidget           *widget,
                                                  GType                type);
/* Clicks a message dialog's response button, as the administrator would. */
void            pb_test_click_response           (GtkWindow           *dialog,
                                                  const char          *label);

PbChoiceButton *pb_test_status_chooser           (PbWindow            *window,
                                                  const char          *api_name);
PbChoiceButton *pb_test_state_chooser            (PbWindow            *window,
                                                  const char          *state_id);
/* The position of the entry showing @label in a drop-down's model. */
guint           pb_test_chooser_position         (PbChoiceButton      *chooser,
                                                  const char          *label);
/* The text the drop-down shows (valid while the entry exists). */
const char     *pb_test_chooser_text             (PbChoiceButton      *chooser);

guint           pb_test_count_findings           (PbWindow            *window,
                                                  const char          *code,
                                                  const char          *subject_id);
gboolean        pb_test_preview_contains         (PbWindow            *window,
                                                  const char          *text);

/* The focus widget of @window. */
GtkWidget      *pb_test_focus                    (PbWindow            *window);

G_END_DECLS
