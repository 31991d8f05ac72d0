/* pb-core.h: the whole GTK-free core in one include
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pb-agent-state.h"
#include "pb-change.h"
#include "pb-check-registry.h"
#include "pb-checks.h"
#include "pb-config-file.h"
#include "pb-configuration.h"
#include "pb-day-script.h"
#include "pb-diff.h"
#include "pb-error.h"
#include "pb-fetch-outcome.h"
#include "pb-finding.h"
#include "pb-generator.h"
#include "pb-import-plan.h"
#include "pb-presence-status.h"
#include "pb-preview-event.h"
#include "pb-preview.h"
#include "pb-profile.h"
#include "pb-profile-state.h"
#include "pb-promotion.h"
#include "pb-remote-configuration.h"
#include "pb-revision.h"
#include "pb-session.h"
#include "pb-sim-comparison.h"
#include "pb-sim-step.h"
#include "pb-simulation.h"
#include "pb-store.h"
#include "pb-undo-stack.h"
