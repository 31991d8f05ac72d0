/* pb-session-watch.c: what other windows and programs write meanwhile
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pb-session-private.h"


/* Other writers */

static void
elsewhere_loaded (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(PbSession) self = user_data;
  g_autoptr(PbProfileState) state = NULL;
  g_autoptr(GError) error = NULL;

  self->loading_elsewhere = FALSE;

  state = pb_store_load_state_finish (self->store, result, &error);
  if (state == NULL)
    {
      /* The edits stay dirty and are tried again: the next write says
       * what is wrong (a profile removed, a disk gone). */
      _pb_session_write_failed (self, g_steal_pointer (&error));
      _pb_session_run_next (self);
      return;
    }

  _pb_session_set_elsewhere (self, state);
  self->dirty = TRUE;
  _pb_session_set_status (self, PB_DRAFT_STATUS_KEPT_ASIDE);
  _pb_session_run_next (self);
}

/* Another writer was here and this session has edits of its own: read
 * what they wrote, and keep these edits aside until the administrator
 * chooses. */
void
_pb_session_enter_elsewhere (PbSession *self)
{
  if (self->loading_elsewhere)
    return;

  self->loading_elsewhere = TRUE;
  pb_store_load_state_async (self->store, self->profile, self->cancellable,
                             elsewhere_loaded, g_object_ref (self));
}

static void
reloaded (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(PbSession) self = user_data;
  g_autoptr(PbProfileState) state = NULL;
  g_autoptr(GError) error = NULL;

  self->loading_elsewhere = FALSE;

  state = pb_store_load_state_finish (self->store, result, &error);
  if (state == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("Reloading profile %s failed: %s", pb_profile_get_name (self->profile), error->message);
      _pb_session_run_next (self);
      return;
    }

  /* Edited here while the reload was being read: these edits are not in
   * what was read, so they are kept aside rather than lost. */
  if (self->dirty)
    {
      _pb_session_set_elsewhere (self, state);
      _pb_session_set_status (self, PB_DRAFT_STATUS_KEPT_ASIDE);
    }
  else
    {
      _pb_session_take_state (self, state, FALSE);
      g_signal_emit (self, _pb_session_signals[RELOADED], 0);
    }

  _pb_session_run_next (self);
}

typedef struct
{
  PbSession *session;
  guint64 write_serial;
} Poll;

static void
poll_done (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Poll *poll = user_data;
  g_autoptr(PbSession) self = poll->session;
  g_autoptr(GError) error = NULL;
  guint64 serial = poll->write_serial;
  guint64 generation;
  guint64 known;

  g_free (poll);
  self->polling = FALSE;

  if (!pb_store_get_generation_finish (self->store, result, &generation, &error))
    return;

  /* A write of ours went out after the poll did: its own answer counts. */
  if (serial != self->write_serial || self->writing || self->loading_elsewhere)
    return;

  known = self->elsewhere != NULL ? pb_profile_state_get_generation (self->elsewhere) : self->generation;
  if (generation == known)
    return;

  if (self->elsewhere != NULL || self->dirty ||
      _pb_session_differs_from_saved (self->draft, self->saved))
    {
      _pb_session_enter_elsewhere (self);
      return;
    }

  self->loading_elsewhere = TRUE;
  pb_store_load_state_async (self->store, self->profile, self->cancellable, reloaded, g_object_ref (self));
}

gboolean
_pb_session_poll_cb (gpointer user_data)
{
  PbSession *self = user_data;
  Poll *poll;

  if (!self->loaded || self->polling || self->writing || self->loading_elsewhere)
    return G_SOURCE_CONTINUE;

  poll = g_new0 (Poll, 1);
  poll->session = g_object_ref (self);
  poll->write_serial = self->write_serial;

  self->polling = TRUE;
  pb_store_get_generation_async (self->store, self->profile, self->cancellable, poll_done, poll);
  return G_SOURCE_CONTINUE;
}
