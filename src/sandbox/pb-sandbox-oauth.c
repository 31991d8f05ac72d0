/* pb-sandbox-oauth.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Salesforce's side follows its documented web server flow: errors that
 * make the redirect URI untrustworthy (an unknown client, a callback URL
 * that is not registered exactly) are shown on a page and never redirected;
 * every other error goes back to the redirect URI. Codes are single use and
 * short-lived; refresh tokens last until revoked and a refresh answers no
 * new one. Error texts are Salesforce's where it documents them.
 */
#include "pb-sandbox-oauth.h"

#include <string.h>

#include "pb-sandbox-reply.h"

#define CODE_LIFETIME_SECONDS     (5 * 60)
#define APPROVAL_LIFETIME_SECONDS (15 * 60)
#define SALESFORCE_SCOPE          "api refresh_token"
#define PLATFORM_SCOPE            "omnichannel-config"
/* Salesforce's refresh tokens start like this; its access tokens with the
 * org's Id and "!". */
#define REFRESH_TOKEN_PREFIX      "5Aep861"

typedef struct
{
  char   *client_id;
  char   *redirect_uri;
  char   *state;
  char   *challenge;
  gint64  expires;
} Grant;

struct _PbSandboxOAuth
{
  GObject         parent_instance;

  PbSandboxState *state;
  char           *platform_client_id;
  char           *platform_client_secret;
  char           *salesforce_client_id;
  char          **callbacks;
  guint           token_lifetime;
  char           *base_url;
  char           *signing_key;

  GHashTable     *approvals; /* approval page id → Grant */
  GHashTable     *codes;     /* authorization code → Grant */
};

G_DEFINE_FINAL_TYPE (PbSandboxOAuth, pb_sandbox_oauth, G_TYPE_OBJECT)

static void
grant_free (Grant *grant)
{
  g_free (grant->client_id);
  g_free (grant->redirect_uri);
  g_free (grant->state);
  g_free (grant->challenge);
  g_free (grant);
}

static void
pb_sandbox_oauth_finalize (GObject *object)
{
  PbSandboxOAuth *self = PB_SANDBOX_OAUTH (object);

  g_clear_object (&self->state);
  g_free (self->platform_client_id);
  g_free (self->platform_client_secret);
  g_free (self->salesforce_client_id);
  g_strfreev (self->callbacks);
  g_free (self->base_url);
  g_free (self->signing_key);
  g_clear_pointer (&self->approvals, g_hash_table_unref);
  g_clear_pointer (&self->codes, g_hash_table_unref);

  G_OBJECT_CLASS (pb_sandbox_oauth_parent_class)->finalize (object);
}

static void
pb_sandbox_oauth_class_init (PbSandboxOAuthClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pb_sandbox_oauth_finalize;
}

static void
pb_sandbox_oauth_init (PbSandboxOAuth *self)
{
  self->approvals = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify)grant_free);
  self->codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify)grant_free);
  self->signing_key = pb_sandbox_random_string (32);
}

PbSandboxOAuth *
pb_sandbox_oauth_new (PbSandboxState     *state,
                      const char         *platform_client_id,
                      const char         *platform_client_secret,
                      const char         *salesforce_client_id,
                      const char * const *callbacks,
                      guint               token_lifetime)
{
  PbSandboxOAuth *self = g_object_new (PB_TYPE_SANDBOX_OAUTH, NULL);

  self->state = g_object_ref (state);
  self->platform_client_id = g_strdup (platform_client_id);
  self->platform_client_secret = g_strdup (platform_client_secret);
  self->salesforce_client_id = g_strdup (salesforce_client_id);
  self->callbacks = g_strdupv ((char **)callbacks);
  self->token_lifetime = token_lifetime;

  return self;
}

void
pb_sandbox_oauth_set_base_url (PbSandboxOAuth *self,
                               const char     *base_url)
{
  g_return_if_fail (PB_IS_SANDBOX_OAUTH (self));

  g_free (self->base_url);
  self->base_url = g_strdup (base_url);
}

static gint64
now_seconds (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

static gboolean
is_stale (gpointer key,
          gpointer value,
          gpointer user_data)
{
  return ((Grant *)value)->expires <= now_seconds ();
}

/* Constant time, so a wrong secret's timing says nothing about the right
 * one. */
static gboolean
secrets_equal (const char *a,
               const char *b)
{
  gsize length_a, length_b;
  guchar difference;

  if (a == NULL || b == NULL)
    return FALSE;

  length_a = strlen (a);
  length_b = strlen (b);
  difference = length_a != length_b;
  for (gsize i = 0; i < length_a; i++)
    difference |= (guchar)a[i] ^ (guchar)(i < length_b ? b[i] : 0);

  return difference == 0;
}

static void
reply_token_json (SoupServerMessage *msg,
                  JsonObject        *answer)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  /* RFC 6749 §5.1: token answers are never cached. */
  soup_message_headers_replace (headers, "Cache-Control", "no-store");
  soup_message_headers_replace (headers, "Pragma", "no-cache");
  json_node_set_object (node, answer);
  pb_sandbox_reply_json (msg, SOUP_STATUS_OK, "application/json;charset=UTF-8", node);
}

static void
reply_oauth_error (SoupServerMessage *msg,
                   guint              status,
                   const char        *error,
                   const char        *description)
{
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Cache-Control", "no-store");
  pb_sandbox_reply_error (msg, PB_SANDBOX_API_OAUTH, status, error, description);
}

/* The platform: client credentials */

/* "Authorization: Basic base64(id:secret)", each part form-encoded
 * (RFC 6749 §2.3.1). FALSE when the header is absent. */
static gboolean
read_basic_credentials (SoupServerMessage  *msg,
                        char              **client_id,
                        char              **client_secret)
{
  const char *value = soup_message_headers_get_one (soup_server_message_get_request_headers (msg), "Authorization");
  g_autofree guchar *decoded = NULL;
  g_autofree char *text = NULL;
  gsize length;
  char *colon;

  if (value == NULL || g_ascii_strncasecmp (value, "Basic ", 6) != 0)
    return FALSE;

  decoded = g_base64_decode (value + 6, &length);
  text = g_strndup ((const char *)decoded, length);
  colon = strchr (text, ':');
  if (colon == NULL)
    {
      *client_id = g_strdup ("");
      *client_secret = g_strdup ("");
      return TRUE;
    }

  *colon = '\0';
  *client_id = g_uri_unescape_string (text, NULL);
  *client_secret = g_uri_unescape_string (colon + 1, NULL);
  if (*client_id == NULL)
    *client_id = g_strdup ("");
  if (*client_secret == NULL)
    *client_secret = g_strdup ("");

  return TRUE;
}

static gboolean
scope_is_known (const char *scope)
{
  g_auto(GStrv) scopes = NULL;

  if (scope == NULL)
    return TRUE;

  scopes = g_strsplit (scope, " ", -1);
  for (guint i = 0; scopes[i] != NULL; i++)
    if (scopes[i][0] != '\0' && !g_str_equal (scopes[i], PLATFORM_SCOPE))
      return FALSE;

  return TRUE;
}

static void
handle_platform_token (PbSandboxOAuth    *self,
                       SoupServerMessage *msg)
{
  g_autoptr(GHashTable) form = pb_sandbox_decode_form (msg);
  g_autofree char *basic_id = NULL;
  g_autofree char *basic_secret = NULL;
  g_autofree char *token = NULL;
  g_autoptr(JsonObject) answer = NULL;
  gboolean basic = read_basic_credentials (msg, &basic_id, &basic_secret);
  const char *grant_type, *client_id, *client_secret;

  if (form == NULL)
    {
      reply_oauth_error (msg, SOUP_STATUS_BAD_REQUEST, "invalid_request",
                         "The body must be application/x-www-form-urlencoded");
      return;
    }

  grant_type = g_hash_table_lookup (form, "grant_type");
  if (grant_type == NULL)
    {
      reply_oauth_error (msg, SOUP_STATUS_BAD_REQUEST, "invalid_request", "grant_type is missing");
      return;
    }
  if (!g_str_equal (grant_type, "client_credentials"))
    {
      reply_oauth_error (msg, SOUP_STATUS_BAD_REQUEST, "unsupported_grant_type",
                         "Only the client_credentials grant is supported");
      return;
    }

  if (basic && g_hash_table_contains (form, "client_secret"))
    {
      reply_oauth_error (msg, SOUP_STATUS_BAD_REQUEST, "invalid_request",
                         "Use one way to authenticate the client: the Authorization header or the form");
      return;
    }
  client_id = basic ? basic_id : g_hash_table_lookup (form, "client_id");
  client_secret = basic ? basic_secret : g_hash_table_lookup (form, "client_secret");

  if (!secrets_equal (client_id, self->platform_client_id) ||
      !secrets_equal (client_secret, self->platform_client_secret))
    {
      if (basic)
        soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                      "WWW-Authenticate", "Basic realm=\"platform\"");
      reply_oauth_error (msg, SOUP_STATUS_UNAUTHORIZED, "invalid_client", "Client authentication failed");
      return;
    }

  if (!scope_is_known (g_hash_table_lookup (form, "scope")))
    {
      reply_oauth_error (msg, SOUP_STATUS_BAD_REQUEST, "invalid_scope",
                         "The only scope this API grants is " PLATFORM_SCOPE);
      return;
    }

  token = pb_sandbox_tokens_issue (pb_sandbox_state_get_tokens (self->state), PB_SANDBOX_TOKEN_PLATFORM_ACCESS,
                                   client_id, NULL, self->token_lifetime);
  answer = json_object_new ();
  json_object_set_string_member (answer, "access_token", token);
  json_object_set_int_member (answer, "expires_in", self->token_lifetime);
  json_object_set_string_member (answer, "token_type", "Bearer");
  reply_token_json (msg, answer);
}

/* Salesforce: the authorization endpoint */

static char *
add_query (const char *uri,
           const char *query)
{
  return g_strconcat (uri, strchr (uri, '?') != NULL ? "&" : "?", query, NULL);
}

static void
redirect_with (SoupServerMessage *msg,
               const char        *redirect_uri,
               const char        *first_field,
               ...) G_GNUC_NULL_TERMINATED;

/* A 302 to @redirect_uri with the name/value pairs (a NULL value is left
 * out), form-encoded. */
static void
redirect_with (SoupServerMessage *msg,
               const char        *redirect_uri,
               const char        *first_field,
               ...)
{
  g_autoptr(GString) query = g_string_new (NULL);
  g_autofree char *location = NULL;
  const char *field = first_field;
  va_list args;

  va_start (args, first_field);
  while (field != NULL)
    {
      const char *value = va_arg (args, const char *);

      if (value != NULL)
        {
          g_autofree char *escaped = g_uri_escape_string (value, NULL, FALSE);

          if (query->len > 0)
            g_string_append_c (query, '&');
          g_string_append_printf (query, "%s=%s", field, escaped);
        }
      field = va_arg (args, const char *);
    }
  va_end (args);

  location = add_query (redirect_uri, query->str);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Cache-Control", "no-store");
  soup_server_message_set_redirect (msg, SOUP_STATUS_FOUND, location);
}

/* RFC 7636 §4.2: BASE64URL(SHA256(verifier)) is 43 characters. */
static gboolean
is_s256_challenge (const char *challenge)
{
  if (challenge == NULL || strlen (challenge) != 43)
    return FALSE;

  for (const char *p = challenge; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_')
      return FALSE;

  return TRUE;
}

static void
show_error_page (SoupServerMessage *msg,
                 const char        *error,
                 const char        *description,
                 const char        *detail)
{
  g_autofree char *body = g_markup_printf_escaped ("<p><code>error=%s&amp;error_description=%s</code></p>\n"
                                                   "<p>%s</p>\n",
                                                   error, description, detail);

  pb_sandbox_reply_html (msg, SOUP_STATUS_BAD_REQUEST, "OAuth Error", body);
}

static void
handle_authorize_page (PbSandboxOAuth    *self,
                       SoupServerMessage *msg,
                       GHashTable        *query)
{
  const char *client_id = query != NULL ? g_hash_table_lookup (query, "client_id") : NULL;
  const char *redirect_uri = query != NULL ? g_hash_table_lookup (query, "redirect_uri") : NULL;
  const char *state = query != NULL ? g_hash_table_lookup (query, "state") : NULL;
  const char *response_type = query != NULL ? g_hash_table_lookup (query, "response_type") : NULL;
  const char *challenge = query != NULL ? g_hash_table_lookup (query, "code_challenge") : NULL;
  const char *method = query != NULL ? g_hash_table_lookup (query, "code_challenge_method") : NULL;
  g_autofree char *approval_id = NULL;
  g_autofree char *body = NULL;
  Grant *grant;

  if (client_id == NULL || !g_str_equal (client_id, self->salesforce_client_id))
    {
      show_error_page (msg, "invalid_client_id", "client identifier invalid",
                       "No connected app of this org has that consumer key.");
      return;
    }

  if (redirect_uri == NULL || !g_strv_contains ((const char * const *)self->callbacks, redirect_uri))
    {
      g_autofree char *detail = g_strdup_printf ("The redirect URI “%s” is not one of the connected app's "
                                                 "callback URLs; they are matched exactly.",
                                                 redirect_uri != NULL ? redirect_uri : "");

      show_error_page (msg, "redirect_uri_mismatch", "redirect_uri must match configuration", detail);
      return;
    }

  if (g_strcmp0 (response_type, "code") != 0)
    {
      redirect_with (msg, redirect_uri, "error", "unsupported_response_type",
                     "error_description", "response type not supported", "state", state, NULL);
      return;
    }

  /* This connected app requires PKCE, and Salesforce only knows S256. */
  if (challenge == NULL)
    {
      redirect_with (msg, redirect_uri, "error", "invalid_request",
                     "error_description", "missing required code challenge", "state", state, NULL);
      return;
    }
  if (g_strcmp0 (method, "S256") != 0 || !is_s256_challenge (challenge))
    {
      redirect_with (msg, redirect_uri, "error", "invalid_request",
                     "error_description", "invalid code challenge", "state", state, NULL);
      return;
    }

  g_hash_table_foreach_remove (self->approvals, is_stale, NULL);
  grant = g_new0 (Grant, 1);
  grant->client_id = g_strdup (client_id);
  grant->redirect_uri = g_strdup (redirect_uri);
  grant->state = g_strdup (state);
  grant->challenge = g_strdup (challenge);
  grant->expires = now_seconds () + APPROVAL_LIFETIME_SECONDS;
  approval_id = pb_sandbox_random_string (24);
  g_hash_table_insert (self->approvals, g_strdup (approval_id), grant);

  body = g_markup_printf_escaped ("<p>Signed in as <strong>%s</strong>.</p>\n"
                                  "<p><strong>%s</strong> is asking to:</p>\n"
                                  "<ul>\n"
                                  "<li>Manage user data via APIs (api)</li>\n"
                                  "<li>Perform requests at any time (refresh_token, offline_access)</li>\n"
                                  "</ul>\n"
                                  "<p>Do you want to allow access for %s?</p>\n"
                                  "<form method=\"post\" action=\"/services/oauth2/authorize\">\n"
                                  "<input type=\"hidden\" name=\"request\" value=\"%s\">\n"
                                  "<button type=\"submit\" name=\"decision\" value=\"deny\">Deny</button>\n"
                                  "<button type=\"submit\" name=\"decision\" value=\"allow\">Allow</button>\n"
                                  "</form>\n",
                                  pb_sandbox_org_get_username (pb_sandbox_state_get_org (self->state)),
                                  client_id,
                                  pb_sandbox_org_get_username (pb_sandbox_state_get_org (self->state)),
                                  approval_id);
  pb_sandbox_reply_html (msg, SOUP_STATUS_OK, "Allow Access?", body);
}

static void
handle_authorize_decision (PbSandboxOAuth    *self,
                           SoupServerMessage *msg)
{
  g_autoptr(GHashTable) form = pb_sandbox_decode_form (msg);
  const char *approval_id = form != NULL ? g_hash_table_lookup (form, "request") : NULL;
  const char *decision = form != NULL ? g_hash_table_lookup (form, "decision") : NULL;
  g_autofree char *key = NULL;
  Grant *grant = NULL;

  g_hash_table_foreach_remove (self->approvals, is_stale, NULL);
  if (approval_id == NULL ||
      !g_hash_table_steal_extended (self->approvals, approval_id, (gpointer *)&key, (gpointer *)&grant))
    {
      pb_sandbox_reply_html (msg, SOUP_STATUS_BAD_REQUEST, "This Sign-In Request Has Expired",
                             "<p>Start signing in again from the application.</p>\n");
      return;
    }

  if (g_strcmp0 (decision, "allow") == 0)
    {
      g_autofree char *code = pb_sandbox_random_string (32);

      g_hash_table_foreach_remove (self->codes, is_stale, NULL);
      grant->expires = now_seconds () + CODE_LIFETIME_SECONDS;
      redirect_with (msg, grant->redirect_uri, "code", code, "state", grant->state, NULL);
      g_hash_table_insert (self->codes, g_steal_pointer (&code), grant);
    }
  else
    {
      redirect_with (msg, grant->redirect_uri, "error", "access_denied",
                     "error_description", "end-user denied authorization", "state", grant->state, NULL);
      grant_free (grant);
    }
}

/* Salesforce: the token endpoint */

static char *
make_signature (PbSandboxOAuth *self,
                const char     *id,
                const char     *issued_at)
{
  g_autoptr(GHmac) hmac = g_hmac_new (G_CHECKSUM_SHA256, (const guchar *)self->signing_key,
                                      strlen (self->signing_key));
  guint8 digest[32];
  gsize length = sizeof digest;

  g_hmac_update (hmac, (const guchar *)id, -1);
  g_hmac_update (hmac, (const guchar *)issued_at, -1);
  g_hmac_get_digest (hmac, digest, &length);

  return g_base64_encode (digest, length);
}

static void
reply_salesforce_tokens (PbSandboxOAuth    *self,
                         SoupServerMessage *msg,
                         const char        *client_id,
                         gboolean           with_refresh_token)
{
  PbSandboxTokens *tokens = pb_sandbox_state_get_tokens (self->state);
  PbSandboxOrg *org = pb_sandbox_state_get_org (self->state);
  g_autofree char *prefix = g_strconcat (pb_sandbox_org_get_id (org), "!", NULL);
  g_autofree char *access_token = pb_sandbox_tokens_issue (tokens, PB_SANDBOX_TOKEN_SALESFORCE_ACCESS,
                                                           client_id, prefix, self->token_lifetime);
  g_autofree char *id = g_strdup_printf ("%s/id/%s/%s", self->base_url, pb_sandbox_org_get_id (org),
                                         pb_sandbox_org_get_user_id (org));
  g_autofree char *issued_at = g_strdup_printf ("%" G_GINT64_FORMAT, g_get_real_time () / 1000);
  g_autofree char *signature = make_signature (self, id, issued_at);
  g_autoptr(JsonObject) answer = json_object_new ();

  json_object_set_string_member (answer, "access_token", access_token);
  if (with_refresh_token)
    {
      g_autofree char *refresh_token = pb_sandbox_tokens_issue (tokens, PB_SANDBOX_TOKEN_SALESFORCE_REFRESH,
                                                                client_id, REFRESH_TOKEN_PREFIX, 0);

      json_object_set_string_member (answer, "refresh_token", refresh_token);
    }
  json_object_set_string_member (answer, "signature", signature);
  json_object_set_string_member (answer, "scope", SALESFORCE_SCOPE);
  json_object_set_string_member (answer, "instance_url", self->base_url);
  json_object_set_string_member (answer, "id", id);
  json_object_set_string_member (answer, "token_type", "Bearer");
  json_object_set_string_member (answer, "issued_at", issued_at);
  reply_token_json (msg, answer);
}

static void
handle_code_grant (PbSandboxOAuth    *self,
                   SoupServerMessage *msg,
                   GHashTable        *form)
{
  const char *code = g_hash_table_lookup (form, "code");
  const char *redirect_uri = g_hash_table_lookup (form, "redirect_uri");
  const char *verifier = g_hash_table_lookup (form, "code_verifier");
  g_autofree char *key = NULL;
  g_autoptr(GChecksum) checksum = NULL;
  g_autofree char *computed = NULL;
  Grant *grant = NULL;
  guint8 digest[32];
  gsize length = sizeof digest;
  gboolean expired;

  /* Looking a code up uses it: a second try with the same code fails
   * whatever went wrong the first time. */
  if (code == NULL || !g_hash_table_steal_extended (self->codes, code, (gpointer *)&key, (gpointer *)&grant))
    {
      reply_oauth_error (msg, SOUP_STATUS_BAD_REQUEST, "invalid_grant", "invalid authorization code");
      return;
    }

  expired = grant->expires <= now_seconds ();
  if (expired)
    reply_oauth_error (msg, SOUP_STATUS_BAD_REQUEST, "invalid_grant", "expired authorization code");
  else if (g_strcmp0 (redirect_uri, grant->redirect_uri) != 0)
    reply_oauth_error (msg, SOUP_STATUS_BAD_REQUEST, "redirect_uri_mismatch", "redirect_uri must match configuration");
  else if (verifier == NULL)
    reply_oauth_error (msg, SOUP_STATUS_BAD_REQUEST, "invalid_grant", "invalid code verifier");
  else
    {
      checksum = g_checksum_new (G_CHECKSUM_SHA256);
      g_checksum_update (checksum, (const guchar *)verifier, -1);
      g_checksum_get_digest (checksum, digest, &length);
      computed = g_base64_encode (digest, length);
      g_strdelimit (computed, "+", '-');
      g_strdelimit (computed, "/", '_');
      if (strchr (computed, '=') != NULL)
        *strchr (computed, '=') = '\0';

      if (!secrets_equal (computed, grant->challenge))
        reply_oauth_error (msg, SOUP_STATUS_BAD_REQUEST, "invalid_grant", "invalid code verifier");
      else
        reply_salesforce_tokens (self, msg, grant->client_id, TRUE);
    }

  grant_free (grant);
}

static void
handle_salesforce_token (PbSandboxOAuth    *self,
                         SoupServerMessage *msg)
{
  g_autoptr(GHashTable) form = pb_sandbox_decode_form (msg);
  const char *grant_type, *client_id;

  if (form == NULL)
    {
      reply_oauth_error (msg, SOUP_STATUS_BAD_REQUEST, "invalid_request",
                         "The body must be application/x-www-form-urlencoded");
      return;
    }

  grant_type = g_hash_table_lookup (form, "grant_type");
  client_id = g_hash_table_lookup (form, "client_id");
  if (g_strcmp0 (grant_type, "authorization_code") != 0 && g_strcmp0 (grant_type, "refresh_token") != 0)
    {
      reply_oauth_error (msg, SOUP_STATUS_BAD_REQUEST, "unsupported_grant_type", "grant type not supported");
      return;
    }
  if (g_strcmp0 (client_id, self->salesforce_client_id) != 0)
    {
      reply_oauth_error (msg, SOUP_STATUS_BAD_REQUEST, "invalid_client_id", "client identifier invalid");
      return;
    }

  if (g_str_equal (grant_type, "authorization_code"))
    {
      handle_code_grant (self, msg, form);
      return;
    }

  if (pb_sandbox_tokens_check (pb_sandbox_state_get_tokens (self->state), PB_SANDBOX_TOKEN_SALESFORCE_REFRESH,
                               client_id, g_hash_table_lookup (form, "refresh_token")) != PB_SANDBOX_TOKEN_VALID)
    {
      reply_oauth_error (msg, SOUP_STATUS_BAD_REQUEST, "invalid_grant", "expired access/refresh token");
      return;
    }

  reply_salesforce_tokens (self, msg, client_id, FALSE);
}

void
pb_sandbox_oauth_handle (PbSandboxOAuth    *self,
                         PbSandboxRouteId   route,
                         SoupServerMessage *msg,
                         GHashTable        *query)
{
  g_return_if_fail (PB_IS_SANDBOX_OAUTH (self));

  switch (route)
    {
    case PB_SANDBOX_ROUTE_PLATFORM_TOKEN:
      handle_platform_token (self, msg);
      break;
    case PB_SANDBOX_ROUTE_AUTHORIZE_GET:
      handle_authorize_page (self, msg, query);
      break;
    case PB_SANDBOX_ROUTE_AUTHORIZE_POST:
      handle_authorize_decision (self, msg);
      break;
    case PB_SANDBOX_ROUTE_SALESFORCE_TOKEN:
      handle_salesforce_token (self, msg);
      break;
    default:
      g_assert_not_reached ();
    }
}
