// Subject keys as shared/subject.ts now writes them (RFC 3986 normalisation, sorted parameters,
// tracking parameters and session ids dropped, single-page routes kept): existing subjects are
// re-keyed with that same function, and two threads of one page merged (api/subjects/rekey.ts).
import { subjectKey } from '../../../shared/subject.ts';
import type { Db } from '../database.ts';
import { rekeySubjects } from '../../subjects/rekey.ts';

export default (tx: Db) => rekeySubjects(tx, subjectKey);
