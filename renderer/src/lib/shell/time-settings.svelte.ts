// The window's time format (local/UTC, 12/24 h) as reactive state: charts, tooltips and tables read it, the header
// sets it; persisted in localStorage by lib/time-format.ts.
import { loadTimeFormat, saveTimeFormat, type TimeFormat } from '../time-format';

class TimeSettings {
  format = $state<TimeFormat>(typeof localStorage === 'undefined' ? { utc: false, hour12: false } : loadTimeFormat());

  set(f: TimeFormat): void {
    this.format = { ...f };
    saveTimeFormat(this.format);
  }
}

export const timeSettings = new TimeSettings();
