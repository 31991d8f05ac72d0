/* pb-salesforce-client.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A query is a chain of page requests: each may get one token refresh
 * (on a 401), then follows nextRecordsUrl, which must stay on the instance
 * URL's host. Pagination is bounded, so a server that never says "done"
 * cannot keep the application busy for ever.
 */
#include "config.h"

#include "pb-salesforce-client.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pb-presence-status.h"
#include "pb-remote-error.h"
#include "pb-secrets.h"

/* An org has tens of statuses; a million records is a server gone wrong
 * (and, as no page but the last may be empty, bounds the pages too). */
#define MAX_RECORDS 1000000

#define QUERY_PATH "/services/data/" PB_SALESFORCE_API_VERSION "/query"

static const char * const status_fields[] = { "Id", "DeveloperName", "MasterLabel", NULL };
static const char * const channel_fields[] = { "Id", "DeveloperName", "MasterLabel", NULL };
static const char * const junction_fields[] = { "ServicePresenceStatusId", "ServiceChannelId", NULL };

struct _PbSalesforceClient
{
  GObject parent_instance;

  PbHttpClient *http;
  GUri *login_url;
  char *client_id;
  char *refresh_token; /* NULL: an access token alone */
  GUri *instance_url;
  char *access_token;
  char *org_id;
};

G_DEFINE_FINAL_TYPE (PbSalesforceClient, pb_salesforce_client, G_TYPE_OBJECT)

/* Errors */

GError *
pb_salesforce_client_oauth_error (const char *code,
                                  const char *description,
                                  const char *client_id,
                                  const char *redirect_uri)
{
  g_autofree char *quoted = pb_remote_quote_server_text (description != NULL ? description : code);
  g_autofree char *quoted_code = pb_remote_quote_server_text (code);

  if (g_strcmp0 (code, "invalid_grant") == 0)
    return g_error_new (PB_REMOTE_ERROR, PB_REMOTE_ERROR_SIGN_IN_REQUIRED,
                        /* Translators: %s is Salesforce's reason */
                        _("Salesforce no longer accepts this sign-in (%s): it has expired or was revoked. "
                          "Sign in to Salesforce again"),
                        quoted);

  if (g_strcmp0 (code, "redirect_uri_mismatch") == 0)
    return g_error_new (PB_REMOTE_ERROR, PB_REMOTE_ERROR_CALLBACK_MISMATCH,
                        /* Translators: %s is a URL such as http://localhost:8717/callback */
                        _("The connected app does not accept the callback %s: add it to the app's Callback URL "
                          "in Salesforce Setup, or change the profile's callback port"),
                        redirect_uri != NULL ? redirect_uri : "");

  if (g_strcmp0 (code, "invalid_client_id") == 0 || g_strcmp0 (code, "invalid_client") == 0)
    return g_error_new (PB_REMOTE_ERROR, PB_REMOTE_ERROR_AUTH_FAILED,
                        /* Translators: the first %s is a client id (consumer key), the second Salesforce's reason */
                        _("Salesforce does not know a connected app with the consumer key “%s” (%s): check the "
                          "profile's Salesforce client id"),
                        client_id != NULL ? client_id : "", quoted);

  if (g_strcmp0 (code, "access_denied") == 0)
    return g_error_new (PB_REMOTE_ERROR, PB_REMOTE_ERROR_SIGN_IN_DENIED,
                        /* Translators: %s is Salesforce's reason */
                        _("The sign-in to Salesforce was refused (%s): nothing was changed. Sign in again and "
                          "allow Presence Bridge access to the org"),
                        quoted);

  if (g_strcmp0 (code, "rate_limit_exceeded") == 0)
    return g_error_new (PB_REMOTE_ERROR, PB_REMOTE_ERROR_RATE_LIMITED,
                        /* Translators: %s is Salesforce's reason */
                        _("Salesforce refuses more sign-in requests for now (%s): try again later"),
                        quoted);

  return g_error_new (PB_REMOTE_ERROR, PB_REMOTE_ERROR_SIGN_IN_DENIED,
                      /* Translators: the first %s is an OAuth error code, the second Salesforce's reason */
                      _("Salesforce refused the sign-in (%s: %s)"),
                      quoted_code, quoted);
}

GError *
pb_salesforce_client_token_error (SoupMessage        *message,
                                  GBytes             *body,
                                  const char         *client_id,
                                  const char         *redirect_uri,
                                  const char * const *secrets)
{
  g_autofree char *code = NULL;
  g_autofree char *raw_description = NULL;
  g_autofree char *description = NULL;
  guint status = soup_message_get_status (message);
  gboolean readable;

  readable = pb_salesforce_json_parse_oauth_error (g_bytes_get_data (body, NULL), g_bytes_get_size (body),
                                                   &code, &raw_description, NULL);
  description = pb_remote_hide_secrets (raw_description, secrets);

  /* Busy or broken rather than a refusal: nothing to change but the time. */
  if (!readable || status == 429 || status >= 500)
    return pb_remote_error_new_for_status (message, _("Salesforce"), description != NULL ? description : code);

  return pb_salesforce_client_oauth_error (code, description, client_id, redirect_uri);
}

/* Salesforce's query errors echo the query over several lines before the
 * sentence that matters ("No such column …"): keep that last line. */
static const char *
last_line (const char *text)
{
  const char *end = text + strlen (text);
  const char *start;

  while (end > text && g_ascii_isspace (end[-1]))
    end--;
  start = end;
  while (start > text && start[-1] != '\n')
    start--;

  return start;
}

/* A REST answer of 400 or more, other than a 401. */
static GError *
rest_error (PbSalesforceClient *self,
            SoupMessage        *message,
            GBytes             *body)
{
  g_autofree char *code = NULL;
  g_autofree char *raw_text = NULL;
  g_autofree char *text = NULL;
  g_autofree char *quoted = NULL;
  g_autofree char *server_message = NULL;
  guint status = soup_message_get_status (message);

  if (pb_salesforce_json_parse_errors (g_bytes_get_data (body, NULL), g_bytes_get_size (body),
                                       &code, &raw_text, NULL))
    {
      text = pb_remote_hide_secrets (raw_text, (const char * const []) {
        self->access_token, self->refresh_token, NULL,
      });
      quoted = pb_remote_quote_server_text (text != NULL ? last_line (text) : "");
      server_message = g_strdup_printf ("%s: %s", code != NULL ? code : "?", text != NULL ? last_line (text) : "");
    }

  /* Since Winter '22, DeveloperName needs a permission (platform-api.md). */
  if (status == SOUP_STATUS_BAD_REQUEST && g_strcmp0 (code, "INVALID_FIELD") == 0 &&
      text != NULL && strstr (text, "DeveloperName") != NULL)
    return g_error_new (PB_REMOTE_ERROR, PB_REMOTE_ERROR_PERMISSION,
                        /* Translators: %s is Salesforce's message */
                        _("The signed-in Salesforce user may not read the API names (DeveloperName) of the "
                          "presence statuses: give the user the “View Setup and Configuration” or the “View "
                          "DeveloperName” permission (in a permission set), then fetch again. Salesforce said: %s"),
                        quoted);

  if (g_strcmp0 (code, "REQUEST_LIMIT_EXCEEDED") == 0)
    return g_error_new (PB_REMOTE_ERROR, PB_REMOTE_ERROR_RATE_LIMITED,
                        /* Translators: %s is Salesforce's message */
                        _("Salesforce refuses more API requests for now: the org has used up its API request "
                          "limit; try again later. Salesforce said: %s"),
                        quoted);

  if (status == SOUP_STATUS_FORBIDDEN)
    return g_error_new (PB_REMOTE_ERROR, PB_REMOTE_ERROR_PERMISSION,
                        /* Translators: %s is Salesforce's message */
                        _("Salesforce refused the signed-in user access to the Omni-Channel setup (presence "
                          "statuses and service channels): check the user's permissions. Salesforce said: %s"),
                        quoted != NULL ? quoted : "");

  return pb_remote_error_new_for_status (message, _("Salesforce"), server_message);
}

static GError *
sign_in_required_error (PbSalesforceClient *self)
{
  if (self->refresh_token != NULL)
    return g_error_new_literal (PB_REMOTE_ERROR, PB_REMOTE_ERROR_SIGN_IN_REQUIRED,
                                _("Salesforce did not accept the access token it had just issued: sign in to "
                                  "Salesforce again"));

  return g_error_new_literal (PB_REMOTE_ERROR, PB_REMOTE_ERROR_SIGN_IN_REQUIRED,
                              _("Salesforce did not accept the access token: it has expired or was revoked, "
                                "and there is no sign-in to renew it. Sign in to Salesforce again"));
}

/* The token refresh */

static void
on_refresh_answer (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PbSalesforceClient *self = g_task_get_source_object (task);
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(PbSalesforceToken) token = NULL;
  g_autoptr(GUri) instance_url = NULL;
  GError *error = NULL;
  const char *data;
  gsize length;

  body = pb_http_client_send_finish (PB_HTTP_CLIENT (source), result, &message, &error);
  if (body == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  data = g_bytes_get_data (body, &length);
  if (!SOUP_STATUS_IS_SUCCESSFUL (soup_message_get_status (message)))
    {
      g_task_return_error (task, pb_salesforce_client_token_error (message, body, self->client_id, NULL,
                                                                   (const char * const []) {
                                                                     self->refresh_token, NULL,
                                                                   }));
      return;
    }

  token = pb_salesforce_json_parse_token (data, length, &error);
  if (token == NULL)
    {
      g_task_return_error (task, pb_remote_error_new_malformed (message, _("Salesforce"), error->message));
      g_error_free (error);
      return;
    }

  /* The instance URL comes from the login server: it passes the same
   * policy as a URL typed into the profile. */
  if (token->instance_url != NULL)
    {
      instance_url = pb_http_client_parse_url (token->instance_url, _("The Salesforce instance URL"), &error);
      if (instance_url == NULL)
        {
          g_task_return_error (task, error);
          return;
        }
      g_clear_pointer (&self->instance_url, g_uri_unref);
      self->instance_url = g_steal_pointer (&instance_url);
    }

  if (self->instance_url == NULL)
    {
      g_task_return_error (task, pb_remote_error_new_malformed (message, _("Salesforce"),
                                                                _("instance_url: missing")));
      return;
    }

  g_clear_pointer (&self->access_token, pb_secrets_free);
  self->access_token = g_steal_pointer (&token->access_token);
  if (token->org_id != NULL)
    {
      g_free (self->org_id);
      self->org_id = g_steal_pointer (&token->org_id);
    }
  if (token->refresh_token != NULL)
    {
      g_clear_pointer (&self->refresh_token, pb_secrets_free);
      self->refresh_token = g_steal_pointer (&token->refresh_token);
    }

  g_task_return_boolean (task, TRUE);
}

static void
refresh_async (PbSalesforceClient  *self,
               GCancellable        *cancellable,
               GAsyncReadyCallback  callback,
               gpointer             user_data)
{
  g_autoptr(GUri) uri = pb_http_client_build_uri (self->login_url, "/services/oauth2/token", NULL);
  g_autoptr(GBytes) body = NULL;
  GTask *task;
  char *form;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, refresh_async);

  form = soup_form_encode ("grant_type", "refresh_token",
                           "refresh_token", self->refresh_token,
                           "client_id", self->client_id,
                           NULL);
  body = g_bytes_new_with_free_func (form, strlen (form), (GDestroyNotify)pb_secrets_free, form);

  /* With refresh-token rotation a repeated refresh would fail: retried
   * only after a 429 or 503. */
  pb_http_client_send_async (self->http, SOUP_METHOD_POST, uri,
                             (const char * const []) { "Accept", "application/json", NULL },
                             "application/x-www-form-urlencoded", body, PB_HTTP_FLAGS_NONE,
                             cancellable, on_refresh_answer, task);
}

static gboolean
refresh_finish (PbSalesforceClient  *self,
                GAsyncResult        *result,
                GError             **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Queries */

typedef struct
{
  char *soql;
  GStrv fields;
  GUri *page_uri;
  gboolean refreshed;
  GPtrArray *records;
} Query;

static void
query_free (Query *query)
{
  g_free (query->soql);
  g_strfreev (query->fields);
  g_clear_pointer (&query->page_uri, g_uri_unref);
  g_clear_pointer (&query->records, g_ptr_array_unref);
  g_free (query);
}

static void query_send_page (GTask *task);

static void
on_query_refreshed (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!refresh_finish (PB_SALESFORCE_CLIENT (source), result, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  query_send_page (g_steal_pointer (&task));
}

/* nextRecordsUrl is a path on the instance URL's host. */
static GUri *
resolve_next_page (PbSalesforceClient  *self,
                   SoupMessage         *message,
                   const char          *next_records_url,
                   GError             **error)
{
  g_autoptr(GUri) next = NULL;

  if (next_records_url[0] == '/' && next_records_url[1] != '/')
    next = g_uri_parse_relative (self->instance_url, next_records_url, G_URI_FLAGS_ENCODED, NULL);

  if (next == NULL || g_uri_get_fragment (next) != NULL)
    {
      g_autofree char *before_query = g_strndup (next_records_url, strcspn (next_records_url, "?#"));
      g_autofree char *quoted = pb_remote_quote_server_text (before_query);
      g_autofree char *reason = g_strdup_printf (_("nextRecordsUrl: expected a path on the instance's server, "
                                                   "not “%s”"), quoted);

      g_propagate_error (error, pb_remote_error_new_malformed (message, _("Salesforce"), reason));
      return NULL;
    }

  return g_steal_pointer (&next);
}

static void
on_query_page (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PbSalesforceClient *self = g_task_get_source_object (task);
  Query *query = g_task_get_task_data (task);
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(PbSalesforcePage) page = NULL;
  GError *error = NULL;
  guint status;

  body = pb_http_client_send_finish (PB_HTTP_CLIENT (source), result, &message, &error);
  if (body == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  status = soup_message_get_status (message);
  if (status == SOUP_STATUS_UNAUTHORIZED)
    {
      if (self->refresh_token == NULL || query->refreshed)
        {
          g_task_return_error (task, sign_in_required_error (self));
          return;
        }

      g_debug ("Salesforce session expired: refreshing once");
      query->refreshed = TRUE;
      GCancellable *cancellable = g_task_get_cancellable (task);

      refresh_async (self, cancellable, on_query_refreshed, g_steal_pointer (&task));
      return;
    }

  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      g_task_return_error (task, rest_error (self, message, body));
      return;
    }

  page = pb_salesforce_json_parse_page (g_bytes_get_data (body, NULL), g_bytes_get_size (body),
                                        (const char * const *)query->fields, &error);
  if (page == NULL)
    {
      g_task_return_error (task, pb_remote_error_new_malformed (message, _("Salesforce"), error->message));
      g_error_free (error);
      return;
    }

  /* Every page but the last holds records: a server that sends empty
   * pages without end would otherwise be followed for ever. */
  if (!page->done && page->records->len == 0)
    {
      g_task_return_error (task, pb_remote_error_new_malformed (message, _("Salesforce"),
                                                                _("a page that is not the last holds no records")));
      return;
    }

  if (query->records->len + page->records->len > MAX_RECORDS)
    {
      g_autofree char *reason = g_strdup_printf (_("the query answers more than %d records"), MAX_RECORDS);

      g_task_return_error (task, pb_remote_error_new_malformed (message, _("Salesforce"), reason));
      return;
    }
  g_ptr_array_extend_and_steal (query->records, g_steal_pointer (&page->records));

  if (page->done)
    {
      g_task_return_pointer (task, g_steal_pointer (&query->records), (GDestroyNotify)g_ptr_array_unref);
      return;
    }

  g_clear_pointer (&query->page_uri, g_uri_unref);
  query->page_uri = resolve_next_page (self, message, page->next_records_url, &error);
  if (query->page_uri == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  query->refreshed = FALSE;
  query_send_page (g_steal_pointer (&task));
}

static void
query_send_page (GTask *task)
{
  PbSalesforceClient *self = g_task_get_source_object (task);
  Query *query = g_task_get_task_data (task);
  g_autofree char *authorization = g_strdup_printf ("Bearer %s", self->access_token);

  if (query->page_uri == NULL)
    {
      g_autofree char *q = soup_form_encode ("q", query->soql, NULL);

      query->page_uri = pb_http_client_build_uri (self->instance_url, QUERY_PATH, q);
    }

  pb_http_client_send_async (self->http, SOUP_METHOD_GET, query->page_uri,
                             (const char * const []) {
                               "Authorization", authorization,
                               "Accept", "application/json",
                               NULL,
                             },
                             NULL, NULL, PB_HTTP_FLAGS_IDEMPOTENT,
                             g_task_get_cancellable (task), on_query_page, task);
}

void
pb_salesforce_client_query_async (PbSalesforceClient  *self,
                                  const char          *soql,
                                  const char * const  *fields,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  GTask *task;
  Query *query;

  g_return_if_fail (PB_IS_SALESFORCE_CLIENT (self));
  g_return_if_fail (soql != NULL);
  g_return_if_fail (fields != NULL && fields[0] != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pb_salesforce_client_query_async);

  query = g_new0 (Query, 1);
  query->soql = g_strdup (soql);
  query->fields = g_strdupv ((char **)fields);
  query->records = g_ptr_array_new_with_free_func ((GDestroyNotify)g_strfreev);
  g_task_set_task_data (task, query, (GDestroyNotify)query_free);

  /* Signed in but not yet refreshed: there is no access token at all. */
  if (self->access_token == NULL)
    {
      query->refreshed = TRUE;
      refresh_async (self, cancellable, on_query_refreshed, task);
      return;
    }

  query_send_page (task);
}

/**
 * pb_salesforce_client_query_finish:
 *
 * Returns: (transfer container) (element-type GStrv): the records, or
 *   %NULL with @error set
 */
GPtrArray *
pb_salesforce_client_query_finish (PbSalesforceClient  *self,
                                   GAsyncResult        *result,
                                   GError             **error)
{
  g_return_val_if_fail (PB_IS_SALESFORCE_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* The presence statuses: three queries, one after the other */

enum {
  QUERY_STATUSES,
  QUERY_CHANNELS,
  QUERY_JUNCTIONS,
  N_QUERIES
};

static const struct {
  const char *soql;
  const char * const *fields;
} presence_queries[N_QUERIES] = {
  { "SELECT Id, DeveloperName, MasterLabel FROM ServicePresenceStatus", status_fields },
  { "SELECT Id, DeveloperName, MasterLabel FROM ServiceChannel", channel_fields },
  { "SELECT ServicePresenceStatusId, ServiceChannelId FROM ServiceChannelStatus", junction_fields },
};

typedef struct
{
  guint step;
  GPtrArray *records[N_QUERIES];
} Fetch;

static void
fetch_free (Fetch *fetch)
{
  for (guint i = 0; i < N_QUERIES; i++)
    g_clear_pointer (&fetch->records[i], g_ptr_array_unref);
  g_free (fetch);
}

static GError *
missing_name_error (const char *object,
                    const char *record_id)
{
  g_autofree char *quoted = pb_remote_quote_server_text (record_id);

  return g_error_new (PB_REMOTE_ERROR, PB_REMOTE_ERROR_MALFORMED,
                      /* Translators: the first %s is a Salesforce object (ServicePresenceStatus), the second a record Id */
                      _("Salesforce listed a %s without an Id or an API name (DeveloperName): record “%s”"),
                      object, quoted);
}

static GPtrArray *
combine (Fetch   *fetch,
         GError **error)
{
  GPtrArray *status_records = fetch->records[QUERY_STATUSES];
  GPtrArray *channel_records = fetch->records[QUERY_CHANNELS];
  GPtrArray *junctions = fetch->records[QUERY_JUNCTIONS];
  g_autoptr(GHashTable) channel_names = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) status_channels = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                                 (GDestroyNotify)g_ptr_array_unref);
  g_autoptr(GPtrArray) statuses = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < channel_records->len; i++)
    {
      char **channel = g_ptr_array_index (channel_records, i);

      if (*channel[0] == '\0' || *channel[1] == '\0')
        {
          g_propagate_error (error, missing_name_error ("ServiceChannel", channel[0]));
          return NULL;
        }
      g_hash_table_insert (channel_names, channel[0], channel[1]);
    }

  for (guint i = 0; i < status_records->len; i++)
    {
      char **status = g_ptr_array_index (status_records, i);

      if (*status[0] == '\0' || *status[1] == '\0')
        {
          g_propagate_error (error, missing_name_error ("ServicePresenceStatus", status[0]));
          return NULL;
        }
      g_hash_table_insert (status_channels, status[0], g_ptr_array_new ());
    }

  /* A link to a status or channel the user cannot see is left out, and a
   * channel is named once per status however often it is linked. */
  for (guint i = 0; i < junctions->len; i++)
    {
      char **junction = g_ptr_array_index (junctions, i);
      GPtrArray *channels = g_hash_table_lookup (status_channels, junction[0]);
      const char *channel = g_hash_table_lookup (channel_names, junction[1]);

      if (channels != NULL && channel != NULL &&
          !g_ptr_array_find_with_equal_func (channels, channel, g_str_equal, NULL))
        g_ptr_array_add (channels, (gpointer)channel);
    }

  for (guint i = 0; i < status_records->len; i++)
    {
      char **status = g_ptr_array_index (status_records, i);
      GPtrArray *channels = g_hash_table_lookup (status_channels, status[0]);

      g_ptr_array_add (channels, NULL);
      g_ptr_array_add (statuses, pb_presence_status_new (status[1], status[2], status[0],
                                                         (const char * const *)channels->pdata));
      g_ptr_array_remove_index (channels, channels->len - 1);
    }

  return g_steal_pointer (&statuses);
}

static void
on_presence_query (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Fetch *fetch = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  GPtrArray *statuses;
  GError *error = NULL;

  fetch->records[fetch->step] = pb_salesforce_client_query_finish (PB_SALESFORCE_CLIENT (source), result, &error);
  if (fetch->records[fetch->step] == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (++fetch->step < N_QUERIES)
    {
      pb_salesforce_client_query_async (PB_SALESFORCE_CLIENT (source), presence_queries[fetch->step].soql,
                                        presence_queries[fetch->step].fields, cancellable, on_presence_query,
                                        g_steal_pointer (&task));
      return;
    }

  statuses = combine (fetch, &error);
  if (statuses == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, statuses, (GDestroyNotify)g_ptr_array_unref);
}

void
pb_salesforce_client_fetch_presence_statuses_async (PbSalesforceClient  *self,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (PB_IS_SALESFORCE_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pb_salesforce_client_fetch_presence_statuses_async);
  g_task_set_task_data (task, g_new0 (Fetch, 1), (GDestroyNotify)fetch_free);

  pb_salesforce_client_query_async (self, presence_queries[QUERY_STATUSES].soql,
                                    presence_queries[QUERY_STATUSES].fields, cancellable, on_presence_query, task);
}

/**
 * pb_salesforce_client_fetch_presence_statuses_finish:
 *
 * Returns: (transfer container) (element-type PbPresenceStatus): the
 *   statuses in Salesforce's order, or %NULL with @error set
 */
GPtrArray *
pb_salesforce_client_fetch_presence_statuses_finish (PbSalesforceClient  *self,
                                                     GAsyncResult        *result,
                                                     GError             **error)
{
  g_return_val_if_fail (PB_IS_SALESFORCE_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* The object */

static void
pb_salesforce_client_finalize (GObject *object)
{
  PbSalesforceClient *self = (PbSalesforceClient *)object;

  g_clear_object (&self->http);
  g_clear_pointer (&self->login_url, g_uri_unref);
  g_clear_pointer (&self->instance_url, g_uri_unref);
  g_clear_pointer (&self->client_id, g_free);
  g_clear_pointer (&self->org_id, g_free);
  g_clear_pointer (&self->refresh_token, pb_secrets_free);
  g_clear_pointer (&self->access_token, pb_secrets_free);

  G_OBJECT_CLASS (pb_salesforce_client_parent_class)->finalize (object);
}

static void
pb_salesforce_client_class_init (PbSalesforceClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pb_salesforce_client_finalize;
}

static void
pb_salesforce_client_init (PbSalesforceClient *self)
{
}

PbSalesforceClient *
pb_salesforce_client_new_signed_in (PbHttpClient *http,
                                    GUri         *login_url,
                                    const char   *client_id,
                                    const char   *refresh_token,
                                    GUri         *instance_url)
{
  PbSalesforceClient *self;

  g_return_val_if_fail (PB_IS_HTTP_CLIENT (http), NULL);
  g_return_val_if_fail (login_url != NULL, NULL);
  g_return_val_if_fail (client_id != NULL, NULL);
  g_return_val_if_fail (refresh_token != NULL, NULL);

  self = g_object_new (PB_TYPE_SALESFORCE_CLIENT, NULL);
  self->http = g_object_ref (http);
  self->login_url = g_uri_ref (login_url);
  self->client_id = g_strdup (client_id);
  self->refresh_token = g_strdup (refresh_token);
  self->instance_url = instance_url != NULL ? g_uri_ref (instance_url) : NULL;

  return self;
}

PbSalesforceClient *
pb_salesforce_client_new_with_access_token (PbHttpClient *http,
                                            GUri         *instance_url,
                                            const char   *access_token)
{
  PbSalesforceClient *self;

  g_return_val_if_fail (PB_IS_HTTP_CLIENT (http), NULL);
  g_return_val_if_fail (instance_url != NULL, NULL);
  g_return_val_if_fail (access_token != NULL, NULL);

  self = g_object_new (PB_TYPE_SALESFORCE_CLIENT, NULL);
  self->http = g_object_ref (http);
  self->instance_url = g_uri_ref (instance_url);
  self->access_token = g_strdup (access_token);

  return self;
}

const char *
pb_salesforce_client_get_org_id (PbSalesforceClient *self)
{
  g_return_val_if_fail (PB_IS_SALESFORCE_CLIENT (self), NULL);

  return self->org_id;
}

const char *
pb_salesforce_client_get_refresh_token (PbSalesforceClient *self)
{
  g_return_val_if_fail (PB_IS_SALESFORCE_CLIENT (self), NULL);

  return self->refresh_token;
}

GUri *
pb_salesforce_client_get_instance_url (PbSalesforceClient *self)
{
  g_return_val_if_fail (PB_IS_SALESFORCE_CLIENT (self), NULL);

  return self->instance_url;
}
