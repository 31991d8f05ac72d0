/* pb-sandbox-tokens.h: the access and refresh tokens the sandbox issued
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef enum
{
  PB_SANDBOX_TOKEN_PLATFORM_ACCESS,
  PB_SANDBOX_TOKEN_SALESFORCE_ACCESS,
  PB_SANDBOX_TOKEN_SALESFORCE_REFRESH,
} PbSandboxTokenKind;

typedef enum
{
  PB_SANDBOX_TOKEN_VALID,
  PB_SANDBOX_TOKEN_EXPIRED,
  PB_SANDBOX_TOKEN_UNKNOWN,
} PbSandboxTokenStatus;

#define PB_TYPE_SANDBOX_TOKENS (pb_sandbox_tokens_get_type ())

G_DECLARE_FINAL_TYPE (PbSandboxTokens, pb_sandbox_tokens, PB, SANDBOX_TOKENS, GObject)

PbSandboxTokens      *pb_sandbox_tokens_new            (void);
/* A new token of @kind for @client, valid @lifetime seconds (0: until
 * revoked). @prefix (may be NULL) starts the token, as Salesforce's access
 * tokens start with the org's Id. Emits ::changed. */
char                 *pb_sandbox_tokens_issue          (PbSandboxTokens    *self,
                                                        PbSandboxTokenKind  kind,
                                                        const char         *client,
                                                        const char         *prefix,
                                                        guint               lifetime);
/* Whether @token is a token of @kind; when @client is not NULL, also that
 * it was issued to @client. */
PbSandboxTokenStatus  pb_sandbox_tokens_check          (PbSandboxTokens    *self,
                                                        PbSandboxTokenKind  kind,
                                                        const char         *client,
                                                        const char         *token);
/* Every access token of both APIs expires now (refresh tokens stay). */
void                  pb_sandbox_tokens_expire_access  (PbSandboxTokens    *self);
void                  pb_sandbox_tokens_revoke_refresh (PbSandboxTokens    *self);
void                  pb_sandbox_tokens_clear          (PbSandboxTokens    *self);

/* Only SHA-256 digests of the tokens are kept, in memory and in the state
 * file, so neither ever holds a usable token. */
JsonNode             *pb_sandbox_tokens_to_json        (PbSandboxTokens    *self);
gboolean              pb_sandbox_tokens_load_json      (PbSandboxTokens    *self,
                                                        JsonNode           *node,
                                                        GError            **error);

G_END_DECLS
