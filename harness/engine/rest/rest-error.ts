// Kafka Connect's error body: {"error_code": <http status>, "message": "..."}
// (org.apache.kafka.connect.runtime.rest.errors.ConnectRestException and its mapper).
export class RestError extends Error {
  readonly status: number;
  constructor(
    status: number,
    message: string,
  ) {
    super(message);
    this.status = status;
    this.name = 'RestError';
  }

  body(): { error_code: number; message: string } {
    return { error_code: this.status, message: this.message };
  }
}
