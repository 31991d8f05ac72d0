/* pb-profile-sync.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pb-profile-sync.h"

#include <glib/gi18n.h>

struct _PbProfileSync
{
  GObject parent_instance;

  PbSession *session;
  PbRemoteFlags flags;
  PbRemote *remote;
  gboolean remote_stale;  /* the profile changed during an operation */
  PbSyncActivity activity;
  char *waiting_message;
};

G_DEFINE_FINAL_TYPE (PbProfileSync, pb_profile_sync, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (PbSyncActivity, pb_sync_activity,
                    G_DEFINE_ENUM_VALUE (PB_SYNC_ACTIVITY_IDLE, "idle"),
                    G_DEFINE_ENUM_VALUE (PB_SYNC_ACTIVITY_FETCHING, "fetching"),
                    G_DEFINE_ENUM_VALUE (PB_SYNC_ACTIVITY_PUBLISHING, "publishing"),
                    G_DEFINE_ENUM_VALUE (PB_SYNC_ACTIVITY_SIGNING_IN, "signing-in"))

enum {
  PROP_0,
  PROP_ACTIVITY,
  PROP_WAITING_MESSAGE,
  N_PROPS
};

enum {
  AUTHORIZE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
on_waiting (PbProfileSync *self,
            guint          seconds,
            const char    *message,
            PbRemote      *remote)
{
  g_free (self->waiting_message);
  self->waiting_message = g_strdup (message);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WAITING_MESSAGE]);
}

static void
on_authorize (PbProfileSync *self,
              const char    *url,
              PbRemote      *remote)
{
  g_signal_emit (self, signals[AUTHORIZE], 0, url);
}

static void
make_remote (PbProfileSync *self)
{
  if (self->remote != NULL)
    g_signal_handlers_disconnect_by_data (self->remote, self);
  g_clear_object (&self->remote);

  self->remote = pb_remote_new (pb_session_get_profile (self->session), self->flags);
  g_signal_connect_object (self->remote, "waiting", G_CALLBACK (on_waiting), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->remote, "authorize", G_CALLBACK (on_authorize), self, G_CONNECT_SWAPPED);
  self->remote_stale = FALSE;
}

static void
profile_changed_cb (PbProfileSync *self)
{
  /* A client in use finishes with the settings it started with. */
  if (self->activity == PB_SYNC_ACTIVITY_IDLE)
    make_remote (self);
  else
    self->remote_stale = TRUE;
}

static void
set_activity (PbProfileSync  *self,
              PbSyncActivity  activity)
{
  if (self->activity == activity)
    return;

  self->activity = activity;
  if (activity == PB_SYNC_ACTIVITY_IDLE)
    {
      g_clear_pointer (&self->waiting_message, g_free);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WAITING_MESSAGE]);
      if (self->remote_stale)
        make_remote (self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIVITY]);
}

static void
pb_profile_sync_dispose (GObject *object)
{
  PbProfileSync *self = (PbProfileSync *)object;

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  if (self->remote != NULL)
    g_signal_handlers_disconnect_by_data (self->remote, self);
  g_clear_object (&self->remote);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (pb_profile_sync_parent_class)->dispose (object);
}

static void
pb_profile_sync_finalize (GObject *object)
{
  PbProfileSync *self = (PbProfileSync *)object;

  g_clear_pointer (&self->waiting_message, g_free);

  G_OBJECT_CLASS (pb_profile_sync_parent_class)->finalize (object);
}

static void
pb_profile_sync_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  PbProfileSync *self = PB_PROFILE_SYNC (object);

  switch (prop_id)
    {
    case PROP_ACTIVITY:
      g_value_set_enum (value, self->activity);
      break;
    case PROP_WAITING_MESSAGE:
      g_value_set_string (value, self->waiting_message);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_profile_sync_class_init (PbProfileSyncClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pb_profile_sync_dispose;
  object_class->finalize = pb_profile_sync_finalize;
  object_class->get_property = pb_profile_sync_get_property;

  properties[PROP_ACTIVITY] =
    g_param_spec_enum ("activity", NULL, NULL, PB_TYPE_SYNC_ACTIVITY, PB_SYNC_ACTIVITY_IDLE,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_WAITING_MESSAGE] =
    g_param_spec_string ("waiting-message", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PbProfileSync::authorize:
   * @url: the Salesforce page to open in the system browser
   */
  signals[AUTHORIZE] =
    g_signal_new ("authorize", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
pb_profile_sync_init (PbProfileSync *self)
{
}

PbProfileSync *
pb_profile_sync_new (PbSession     *session,
                     PbRemoteFlags  flags)
{
  PbProfileSync *self;

  g_return_val_if_fail (PB_IS_SESSION (session), NULL);

  self = g_object_new (PB_TYPE_PROFILE_SYNC, NULL);
  self->session = g_object_ref (session);
  self->flags = flags;
  make_remote (self);
  g_signal_connect_object (session, "notify::profile", G_CALLBACK (profile_changed_cb), self,
                           G_CONNECT_SWAPPED);

  return self;
}

PbSession *
pb_profile_sync_get_session (PbProfileSync *self)
{
  g_return_val_if_fail (PB_IS_PROFILE_SYNC (self), NULL);
  return self->session;
}

PbRemote *
pb_profile_sync_get_remote (PbProfileSync *self)
{
  g_return_val_if_fail (PB_IS_PROFILE_SYNC (self), NULL);
  return self->remote;
}

PbSyncActivity
pb_profile_sync_get_activity (PbProfileSync *self)
{
  g_return_val_if_fail (PB_IS_PROFILE_SYNC (self), PB_SYNC_ACTIVITY_IDLE);
  return self->activity;
}

const char *
pb_profile_sync_get_waiting_message (PbProfileSync *self)
{
  g_return_val_if_fail (PB_IS_PROFILE_SYNC (self), NULL);
  return self->waiting_message;
}

/* One operation at a time: a second Fetch while one runs is refused. */
static gboolean
begin (PbProfileSync        *self,
       PbSyncActivity        activity,
       GTask                *task)
{
  if (self->activity != PB_SYNC_ACTIVITY_IDLE)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_BUSY, "%s",
                               _("Another fetch, publish or sign-in is under way"));
      return FALSE;
    }

  set_activity (self, activity);
  return TRUE;
}

static void
end_with_error (GTask  *task,
                GError *error)
{
  PbProfileSync *self = g_task_get_source_object (task);

  set_activity (self, PB_SYNC_ACTIVITY_IDLE);
  g_task_return_error (task, error);
}


/* Fetch */

/* After a 412, the publish task waits for the fetch that shows the
 * conflict; its error is then the conflict's. */
typedef struct
{
  char *comment;
  PbConfiguration *published;
  GError *conflict;
} Publish;

static void
publish_free (Publish *publish)
{
  g_free (publish->comment);
  g_clear_object (&publish->published);
  g_clear_error (&publish->conflict);
  g_free (publish);
}

static void
fetch_recorded (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PbProfileSync *self = g_task_get_source_object (task);
  Publish *publish = g_task_get_task_data (task);
  GError *error = NULL;
  PbFetchOutcome *outcome;

  outcome = pb_session_record_fetch_finish (PB_SESSION (object), result, &error);

  if (publish != NULL && publish->conflict != NULL)
    {
      g_clear_object (&outcome);
      g_clear_error (&error);
      end_with_error (task, g_steal_pointer (&publish->conflict));
      return;
    }

  if (outcome == NULL)
    {
      end_with_error (task, error);
      return;
    }

  set_activity (self, PB_SYNC_ACTIVITY_IDLE);
  g_task_return_pointer (task, outcome, g_object_unref);
}

static void
fetched (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PbProfileSync *self = g_task_get_source_object (task);
  Publish *publish = g_task_get_task_data (task);
  g_autoptr(PbFetchResult) fetch = NULL;
  GError *error = NULL;

  fetch = pb_remote_fetch_finish (PB_REMOTE (object), result, &error);
  if (fetch == NULL)
    {
      /* The conflict stands either way; the failed fetch only means it is
       * not shown yet. */
      if (publish != NULL && publish->conflict != NULL)
        {
          g_clear_error (&error);
          error = g_steal_pointer (&publish->conflict);
        }
      end_with_error (task, error);
      return;
    }

  pb_session_record_fetch_async (self->session, pb_fetch_result_get_configuration (fetch),
                                 pb_fetch_result_get_etag (fetch), pb_fetch_result_get_revision (fetch),
                                 pb_fetch_result_get_revert_to_last_status_available (fetch)
                                 ? PB_AVAILABILITY_AVAILABLE : PB_AVAILABILITY_UNAVAILABLE,
                                 g_task_get_cancellable (task), fetch_recorded, g_object_ref (task));
}

void
pb_profile_sync_fetch_async (PbProfileSync       *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (PB_IS_PROFILE_SYNC (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pb_profile_sync_fetch_async);

  if (!begin (self, PB_SYNC_ACTIVITY_FETCHING, task))
    return;

  pb_remote_fetch_async (self->remote, cancellable, fetched, g_object_ref (task));
}

PbFetchOutcome *
pb_profile_sync_fetch_finish (PbProfileSync  *self,
                              GAsyncResult   *result,
                              GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}


/* Publish */

static void
publish_recorded (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PbProfileSync *self = g_task_get_source_object (task);
  GError *error = NULL;
  guint number;

  number = pb_session_record_publish_finish (PB_SESSION (object), result, &error);
  if (number == 0)
    {
      end_with_error (task, error);
      return;
    }

  set_activity (self, PB_SYNC_ACTIVITY_IDLE);
  g_task_return_int (task, number);
}

static void
published (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PbProfileSync *self = g_task_get_source_object (task);
  Publish *publish = g_task_get_task_data (task);
  g_autoptr(PbRemoteConfiguration) stored = NULL;
  GError *error = NULL;

  stored = pb_remote_publish_finish (PB_REMOTE (object), result, &error);
  if (stored == NULL)
    {
      /* Nothing was published: fetch what the platform has now, so the
       * administrator can compare and choose. */
      if (g_error_matches (error, PB_REMOTE_ERROR, PB_REMOTE_ERROR_CONFLICT))
        {
          publish->conflict = error;
          set_activity (self, PB_SYNC_ACTIVITY_IDLE);
          set_activity (self, PB_SYNC_ACTIVITY_FETCHING);
          pb_remote_fetch_async (self->remote, g_task_get_cancellable (task), fetched, g_object_ref (task));
          return;
        }

      end_with_error (task, error);
      return;
    }

  pb_session_record_publish_async (self->session, publish->published, stored, publish->comment,
                                   NULL, publish_recorded, g_object_ref (task));
}

static void
flushed (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PbProfileSync *self = g_task_get_source_object (task);
  Publish *publish = g_task_get_task_data (task);
  PbRemoteConfiguration *base;
  GError *error = NULL;

  if (!pb_session_flush_finish (PB_SESSION (object), result, &error))
    {
      end_with_error (task, error);
      return;
    }

  /* What is published is the draft as it is in the store now; edits made
   * while it travels stay in the draft, for the next publish. */
  base = pb_session_get_base (self->session);
  publish->published = pb_configuration_copy (pb_session_get_draft (self->session));
  pb_remote_publish_async (self->remote, publish->published, pb_remote_configuration_get_etag (base),
                           g_task_get_cancellable (task), published, g_object_ref (task));
}

void
pb_profile_sync_publish_async (PbProfileSync       *self,
                               const char          *comment,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Publish *publish;
  PbProfile *profile;
  guint n_errors;

  g_return_if_fail (PB_IS_PROFILE_SYNC (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pb_profile_sync_publish_async);
  publish = g_new0 (Publish, 1);
  publish->comment = comment != NULL && *comment != '\0' ? g_strdup (comment) : NULL;
  g_task_set_task_data (task, publish, (GDestroyNotify)publish_free);

  profile = pb_session_get_profile (self->session);
  pb_session_refresh_now (self->session);
  n_errors = pb_session_get_n_errors (self->session);

  /* Refused before anything is sent, each with what to do,
   * in the order presence-bridge-cli push checks (docs/cli.md). */
  if (pb_session_get_base (self->session) == NULL)
    {
      g_task_return_new_error (task, PB_REMOTE_ERROR, PB_REMOTE_ERROR_PRECONDITION_REQUIRED,
                               _("Profile “%s” has not been fetched yet: fetch it first, so that "
                                 "publishing replaces what is on the platform knowingly"),
                               pb_profile_get_name (profile));
      return;
    }

  if (pb_session_get_conflict (self->session))
    {
      g_task_return_new_error (task, PB_REMOTE_ERROR, PB_REMOTE_ERROR_CONFLICT,
                               _("The configuration on the platform changed since the last fetch: "
                                 "compare it with yours and choose what to keep before publishing"));
      return;
    }
  if (pb_session_get_elsewhere (self->session) != NULL)
    {
      g_task_return_new_error (task, PB_ERROR, PB_ERROR_STORE_CHANGED,
                               _("Profile “%s” was changed elsewhere: choose which version to keep before "
                                 "publishing"),
                               pb_profile_get_name (profile));
      return;
    }
  if (n_errors > 0)
    {
      g_task_return_new_error (task, PB_ERROR, PB_ERROR_INVALID_CONFIGURATION,
                               ngettext ("The configuration has %u error: fix it before publishing",
                                         "The configuration has %u errors: fix them before publishing",
                                         n_errors),
                               n_errors);
      return;
    }
  if (!begin (self, PB_SYNC_ACTIVITY_PUBLISHING, task))
    return;

  pb_session_flush_async (self->session, cancellable, flushed, g_object_ref (task));
}

guint
pb_profile_sync_publish_finish (PbProfileSync  *self,
                                GAsyncResult   *result,
                                GError        **error)
{
  gssize number;

  g_return_val_if_fail (g_task_is_valid (result, self), 0);

  number = g_task_propagate_int (G_TASK (result), error);
  return number > 0 ? number : 0;
}


/* Sign in */

static void
signed_in (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PbProfileSync *self = g_task_get_source_object (task);
  GError *error = NULL;

  if (!pb_remote_sign_in_finish (PB_REMOTE (object), result, &error))
    {
      end_with_error (task, error);
      return;
    }

  set_activity (self, PB_SYNC_ACTIVITY_IDLE);
  g_task_return_boolean (task, TRUE);
}

void
pb_profile_sync_sign_in_async (PbProfileSync       *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (PB_IS_PROFILE_SYNC (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pb_profile_sync_sign_in_async);

  if (!begin (self, PB_SYNC_ACTIVITY_SIGNING_IN, task))
    return;

  pb_remote_sign_in_async (self->remote, cancellable, signed_in, g_object_ref (task));
}

gboolean
pb_profile_sync_sign_in_finish (PbProfileSync  *self,
                                GAsyncResult   *result,
                                GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
