/** English translations of `<cibtp-password-field>` (see `./en.ts`). */
export const templates = {
  'password-field.label': 'Password',
  'password-field.confirm-label': 'Confirm password',
};
