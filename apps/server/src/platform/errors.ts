/** An error whose message is meant for the person using Nhịp (Vietnamese first). */
export class AppError extends Error {
  constructor(
    public readonly status: number,
    public readonly code: string,
    message: string,
    public readonly details?: unknown,
  ) {
    super(message);
  }
}

export const notFound = (what = 'Không tìm thấy dữ liệu yêu cầu.') => new AppError(404, 'not_found', what);
export const forbidden = (what = 'Bạn không có quyền thực hiện thao tác này.') => new AppError(403, 'forbidden', what);
export const unauthorized = (what = 'Bạn cần đăng nhập để tiếp tục.') => new AppError(401, 'unauthorized', what);
export const badRequest = (what: string, details?: unknown) => new AppError(400, 'bad_request', what, details);
export const conflict = (what: string, details?: unknown) => new AppError(409, 'conflict', what, details);
export const unprocessable = (what: string, details?: unknown) => new AppError(422, 'unprocessable', what, details);
