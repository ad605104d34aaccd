export { SCREENS, type ScreenId } from '../../../shared/commands';
