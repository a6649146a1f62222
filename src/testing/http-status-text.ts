// Kept local instead of importing node:http so the fake fetch also runs in browsers.
const STATUS_TEXT: Readonly<Record<number, string>> = {
  200: 'OK',
  400: 'Bad Request',
  401: 'Unauthorized',
  402: 'Payment Required',
  403: 'Forbidden',
  404: 'Not Found',
  408: 'Request Timeout',
  409: 'Conflict',
  413: 'Payload Too Large',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
  529: 'Site Overloaded',
};

export function httpStatusText(status: number): string {
  return STATUS_TEXT[status] ?? '';
}

/** The HTTP status a provider error code stands for, when it is one (`429`, `'503'`). */
export function statusFromErrorCode(code: string | number | undefined): number | undefined {
  const value = typeof code === 'string' && /^\d{3}$/.test(code) ? Number(code) : code;
  return typeof value === 'number' && Number.isInteger(value) && value >= 400 && value <= 599 ? value : undefined;
}
