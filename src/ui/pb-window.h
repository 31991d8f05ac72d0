/* pb-window.h: the main window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pb-core.h"
#include "pb-profile-sync.h"

G_BEGIN_DECLS

#define PB_TYPE_WINDOW (pb_window_get_type ())

G_DECLARE_FINAL_TYPE (PbWindow, pb_window, PB, WINDOW, AdwApplicationWindow)

/* @store may be NULL when it could not be opened: call
 * pb_window_show_store_error() then. With a store, the window opens
 * @profile_name, else the store's default profile, else its first, else
 * the first-run page; a profile is read off the main thread while the
 * window shows. */
PbWindow        *pb_window_new                     (AdwApplication *application,
                                                    PbStore        *store,
                                                    const char     *profile_name);
void             pb_window_show_store_error        (PbWindow       *self,
                                                    const GError   *error);

PbStore         *pb_window_get_store               (PbWindow       *self);
PbProfile       *pb_window_get_profile             (PbWindow       *self);
/* The configuration being edited (the profile's draft). */
PbConfiguration *pb_window_get_draft               (PbWindow       *self);
/* Starts reading the profile called @name; it opens when read (then
 * "refreshed"). FALSE when there is no such profile. */
gboolean         pb_window_open_profile            (PbWindow       *self,
                                                    const char     *name,
                                                    GError        **error);
gboolean         pb_window_get_has_unsaved_changes (PbWindow       *self);
/* Number of the newest saved revision, 0 when there is none. */
guint            pb_window_get_saved_revision      (PbWindow       *self);

/* What Export… and Import… do once a file is chosen (tests call them
 * directly instead of going through the file chooser). Export writes the
 * draft and shows a toast; import reads the file and presents the import
 * dialog (returned), which shows the differences and asks, or explains in
 * a message dialog why the file cannot be imported (and returns NULL with
 * @error set). */
gboolean         pb_window_export_to_file          (PbWindow       *self,
                                                    GFile          *file,
                                                    GError        **error);
GtkWidget       *pb_window_import_from_file        (PbWindow       *self,
                                                    GFile          *file,
                                                    GError        **error);

/* The live results the panels show (GListModels of PbFinding and
 * PbPreviewEvent), recomputed in an idle after every change. */
GListModel      *pb_window_get_findings            (PbWindow       *self);
GListModel      *pb_window_get_preview             (PbWindow       *self);
/* What the two grids show after the search filter: PbPresenceStatus
 * items, and GtkTreeListRow items holding PbAgentState. */
GListModel      *pb_window_get_status_model        (PbWindow       *self);
GListModel      *pb_window_get_state_model         (PbWindow       *self);

/* Scrolls to the row of @subject_id and focuses what edits it (what
 * activating a problem does). Returns FALSE when there is no such row. */
gboolean         pb_window_focus_subject           (PbWindow       *self,
                                                    PbSubject       subject,
                                                    const char     *subject_id);
/* The row currently bound to @subject_id (a PbStatusRow or PbStateRow),
 * or NULL when it is scrolled out of view. */
GtkWidget       *pb_window_lookup_row              (PbWindow       *self,
                                                    PbSubject       subject,
                                                    const char     *subject_id);
/* TRUE while a profile is read or store writes the window queued have
 * not finished ("notify::busy"). */
gboolean         pb_window_get_busy                (PbWindow       *self);
/* The dialog the window has open (a message, import or history dialog). */
GtkWindow       *pb_window_get_dialog              (PbWindow       *self);
/* The open profile's remote side (Fetch, Publish, Sign In), NULL when no
 * profile is open: whoever waits on the window's remote work watches its
 * "notify::activity", "notify::waiting-message" and "::authorize". */
PbProfileSync   *pb_window_get_sync                (PbWindow       *self);
/* TRUE when the layout is the narrow one (grids stacked). */
gboolean         pb_window_get_narrow              (PbWindow       *self);
/* Shows @toast (taking it over) at the bottom of the window, in place of
 * the one shown. */
void             pb_window_add_toast               (PbWindow       *self,
                                                    AdwToast       *toast);
/* Runs the pending refresh (checks, preview, title, autosave) now. */
void             pb_window_refresh_now             (PbWindow       *self);

/* Signals and properties for whoever waits on the window (tests, the
 * benchmark): "refreshed" after the problems, preview, switches and title
 * follow the draft; "notify::busy" when store writes start or end. */

G_END_DECLS
