/* pb-fetch-result.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pb-fetch-result.h"

struct _PbFetchResult
{
  GObject parent_instance;

  PbConfiguration *configuration;
  char *etag;
  gint64 revision;
  gboolean revert_to_last_status_available;
  PbStatusSource statuses_source;
  GDateTime *statuses_fetched_at;
};

G_DEFINE_FINAL_TYPE (PbFetchResult, pb_fetch_result, G_TYPE_OBJECT)

static void
pb_fetch_result_finalize (GObject *object)
{
  PbFetchResult *self = (PbFetchResult *)object;

  g_clear_object (&self->configuration);
  g_clear_pointer (&self->etag, g_free);
  g_clear_pointer (&self->statuses_fetched_at, g_date_time_unref);

  G_OBJECT_CLASS (pb_fetch_result_parent_class)->finalize (object);
}

static void
pb_fetch_result_class_init (PbFetchResultClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pb_fetch_result_finalize;
}

static void
pb_fetch_result_init (PbFetchResult *self)
{
}

PbFetchResult *
pb_fetch_result_new (PbConfiguration *configuration,
                     const char      *etag,
                     gint64           revision,
                     gboolean         revert_to_last_status_available,
                     PbStatusSource   statuses_source,
                     GDateTime       *statuses_fetched_at)
{
  PbFetchResult *self;

  g_return_val_if_fail (PB_IS_CONFIGURATION (configuration), NULL);
  g_return_val_if_fail (etag != NULL, NULL);
  g_return_val_if_fail (statuses_fetched_at != NULL, NULL);

  self = g_object_new (PB_TYPE_FETCH_RESULT, NULL);
  self->configuration = g_object_ref (configuration);
  self->etag = g_strdup (etag);
  self->revision = revision;
  self->revert_to_last_status_available = revert_to_last_status_available;
  self->statuses_source = statuses_source;
  self->statuses_fetched_at = g_date_time_ref (statuses_fetched_at);

  return self;
}

PbConfiguration *
pb_fetch_result_get_configuration (PbFetchResult *self)
{
  g_return_val_if_fail (PB_IS_FETCH_RESULT (self), NULL);

  return self->configuration;
}

const char *
pb_fetch_result_get_etag (PbFetchResult *self)
{
  g_return_val_if_fail (PB_IS_FETCH_RESULT (self), NULL);

  return self->etag;
}

gint64
pb_fetch_result_get_revision (PbFetchResult *self)
{
  g_return_val_if_fail (PB_IS_FETCH_RESULT (self), 0);

  return self->revision;
}

gboolean
pb_fetch_result_get_revert_to_last_status_available (PbFetchResult *self)
{
  g_return_val_if_fail (PB_IS_FETCH_RESULT (self), FALSE);

  return self->revert_to_last_status_available;
}

PbStatusSource
pb_fetch_result_get_statuses_source (PbFetchResult *self)
{
  g_return_val_if_fail (PB_IS_FETCH_RESULT (self), PB_STATUS_SOURCE_PLATFORM);

  return self->statuses_source;
}

GDateTime *
pb_fetch_result_get_statuses_fetched_at (PbFetchResult *self)
{
  g_return_val_if_fail (PB_IS_FETCH_RESULT (self), NULL);

  return self->statuses_fetched_at;
}
