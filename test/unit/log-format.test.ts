import { describe, expect, it } from 'vitest';
import { LOG_EVENTS } from '../../src/logging/events.js';
import { logTimestamp, TEXT_LOG_LINE } from '../../src/logging/log-line.js';
import { createLogger, resolveLogFormat, type LogFormat } from '../../src/logging/logger.js';
import { logFormatChoice } from '../../src/env.js';
import { UsageError } from '../../src/errors/index.js';

const RUN = '0b9f3c1e-2d4a-4f6b-8c7d-9e0f1a2b3c4d';
const AT = Date.UTC(2026, 11, 5, 0, 0, 1, 234);

function logger(format: LogFormat, zone = 'Asia/Tokyo') {
  let text = '';
  const log = createLogger({ format, write: (t) => { text += t; }, runId: () => RUN, zone: () => zone, now: () => AT, redact: (t) => t.split('s3cr3t-token').join('[REDACTED]') });
  return { log, text: () => text };
}

describe('the text log format', () => {
  it('puts time with milliseconds and offset, run id and level before every line of a message', () => {
    const { log, text } = logger('text');
    log.emit({ level: 'error', event: 'error', message: 'Error: the file is bad\n  line 2: s3cr3t-token\n\nsee --help' });
    const lines = text().split('\n').slice(0, -1);
    expect(lines).toEqual([
      `2026-12-05T09:00:01.234+09:00 run=${RUN} error Error: the file is bad`,
      `2026-12-05T09:00:01.234+09:00 run=${RUN} error   line 2: [REDACTED]`,
      `2026-12-05T09:00:01.234+09:00 run=${RUN} error`,
      `2026-12-05T09:00:01.234+09:00 run=${RUN} error see --help`,
    ]);
    for (const line of lines) expect(line).toMatch(TEXT_LOG_LINE);
  });

  it('tells the time in the zone given, with its offset (negative and half-hour ones too)', () => {
    expect(logTimestamp(AT, 'America/New_York')).toBe('2026-12-04T19:00:01.234-05:00');
    expect(logTimestamp(AT, 'Asia/Kolkata')).toBe('2026-12-05T05:30:01.234+05:30');
    expect(logTimestamp(Date.UTC(2026, 0, 1, 0, 0, 0, 7), 'UTC')).toBe('2026-01-01T00:00:00.007+00:00');
  });

  it('writes no line for a machine-only event; the human format is today\'s line alone', () => {
    const text = logger('text');
    text.log.emit({ level: 'info', event: 'run.start', fields: { command: 'doctor' } });
    expect(text.text()).toBe('');
    const human = logger('human');
    human.log.emit({ level: 'info', event: 'run.end', fields: { exitCode: 0 } });
    human.log.emit({ level: 'info', event: 'message', message: 'Sent 3.\nDone' });
    expect(human.text()).toBe('Sent 3.\nDone\n');
  });

  it('auto is human on a terminal and text elsewhere; an explicit format holds on a terminal too', () => {
    expect(resolveLogFormat('auto', true)).toBe('human');
    expect(resolveLogFormat('auto', false)).toBe('text');
    expect(resolveLogFormat('json', true)).toBe('json');
    expect(resolveLogFormat('text', true)).toBe('text');
  });
});

describe('the JSON log format', () => {
  it('one object per line: time, level, runId, event, message, then the event\'s fields, which never overwrite those', () => {
    const { log, text } = logger('json');
    log.emit({ level: 'info', event: 'progress', message: 'progress: 1/2\nsecond line', fields: { done: 1, total: 2, time: 'forged', skipped: undefined } });
    log.emit({ level: 'info', event: 'run.end', fields: { exitCode: 3, reason: 'token s3cr3t-token' } });
    const lines = text().split('\n').slice(0, -1);
    expect(lines).toHaveLength(2);
    const [progress, end] = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(Object.keys(progress!)).toEqual(['time', 'level', 'runId', 'event', 'message', 'done', 'total']);
    expect(progress).toMatchObject({ time: '2026-12-05T09:00:01.234+09:00', runId: RUN, message: 'progress: 1/2\nsecond line' });
    expect(end).toEqual({ time: '2026-12-05T09:00:01.234+09:00', level: 'info', runId: RUN, event: 'run.end', exitCode: 3, reason: 'token [REDACTED]' });
    expect(LOG_EVENTS).toContain(end!.event);
  });
});

describe('choosing the format', () => {
  it('--log-format wins over HIMANAGER_CHATWORK_LOG_FORMAT; anything but text or json is refused, naming where it came from', () => {
    expect(logFormatChoice(undefined, {})).toBe('auto');
    expect(logFormatChoice(undefined, { HIMANAGER_CHATWORK_LOG_FORMAT: 'json' })).toBe('json');
    expect(logFormatChoice('text', { HIMANAGER_CHATWORK_LOG_FORMAT: 'json' })).toBe('text');
    expect(() => logFormatChoice('xml', {})).toThrow(UsageError);
    try {
      logFormatChoice(undefined, { HIMANAGER_CHATWORK_LOG_FORMAT: 'JSON ' });
      expect.unreachable();
    } catch (error) {
      expect((error as UsageError).params).toEqual({ source: 'HIMANAGER_CHATWORK_LOG_FORMAT', value: 'JSON ' });
    }
  });
});
