import type { Migration } from '../../sql/database.js';
import { migration as initial } from './0001-initial.js';
import { migration as openDeliveryIndexes } from './0002-open-delivery-indexes.js';
import { migration as tasksAndRecall } from './0003-tasks-and-recall.js';
import { migration as fencing } from './0004-fencing.js';
import { migration as runRecords } from './0005-run-records.js';
import { migration as directoryOverTime } from './0006-directory-over-time.js';
import { migration as linkDecisions } from './0007-link-decisions.js';
import { migration as audit } from './0010-audit.js';

/** In order; a new file per change, never an edit to one that shipped. */
export const migrations: Migration[] = [initial, openDeliveryIndexes, tasksAndRecall, fencing, runRecords, directoryOverTime, linkDecisions, audit];
